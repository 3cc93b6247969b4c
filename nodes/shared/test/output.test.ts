import {createRouter} from '../../../shared';
import {inInputOrder, routingObject, withDecision, withError} from '../output';

describe('routing object', () => {
  const cfg = {reps: [{id: 'ana'}]};
  const w = {
    code: 'roster_cell_unreadable',
    field: 'Hours',
    value: 'x',
    message: 'Rep "ana": the Hours cell "x" could not be read.',
  };

  it('carries the decision warnings, with or without candidates', () => {
    const d = createRouter(cfg).route({id: 'L1'}, '2026-11-23T16:00:00Z', 0, [w]);
    expect(routingObject(d, false).warnings).toEqual([w]);
    expect(routingObject(d, true).warnings).toEqual([w]);
  });

  it('has no warnings key when there are none', () => {
    const d = createRouter(cfg).route({id: 'L1'}, '2026-11-23T16:00:00Z', 0);
    expect('warnings' in routingObject(d, false)).toBe(false);
  });
});

describe('decision items', () => {
  const d = createRouter({reps: [{id: 'ana'}]}).route({id: 'L1'}, '2026-11-23T16:00:00Z', 0);
  const item = {json: {id: 'L1'}, binary: {file: {data: 'x', mimeType: 'text/plain'}}};

  it('withDecision: the routing object under the field, dryRun only on a dry run, data and pairing kept', () => {
    const out = withDecision(item, 4, 'owner', d, {includeCandidates: false, dryRun: true});
    expect(out).toMatchObject({json: {id: 'L1', owner: {ownerId: 'ana', dryRun: true}}, pairedItem: {item: 4}});
    expect(out.binary).toBe(item.binary);
    expect('candidates' in (out.json.owner as object)).toBe(false);
    const live = withDecision(item, 4, 'owner', d, {includeCandidates: true, dryRun: false});
    expect('dryRun' in (live.json.owner as object)).toBe(false);
    expect('candidates' in (live.json.owner as object)).toBe(true);
  });

  it('inInputOrder: failed and routed items back in input order', () => {
    const routed = [2, 0].map(i => withDecision(item, i, 'routing', d, {includeCandidates: false, dryRun: false}));
    const out = inInputOrder([withError(item, 1, 'bad config'), ...routed]);
    expect(out.map(x => x.pairedItem)).toEqual([{item: 0}, {item: 1}, {item: 2}]);
    expect(out[1].json.error).toBe('bad config');
  });
});
