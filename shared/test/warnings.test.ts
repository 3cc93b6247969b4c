import {createRouter} from '../router';
import {WARNING_CODES, addWarning, warning} from '../warnings';
import type {RoutingWarning} from '../types';
import {config, NOW} from './helpers';

describe('warnings channel', () => {
  const shellWarning: RoutingWarning = warning(
    'roster_cell_unreadable',
    'Rep "ana": the Hours cell "x" could not be read.',
    'Hours',
    'x',
  );

  it('a decision has no warnings key when nothing was assumed', () => {
    const d = createRouter(config()).route({id: 'L1', state: 'TX'}, NOW, 0);
    expect('warnings' in d).toBe(false);
  });

  it('puts warnings a shell found first, and keeps the array the caller passed untouched', () => {
    const extra = [shellWarning];
    const d = createRouter(config()).route({id: 'L1'}, NOW, 0, extra);
    expect(d.warnings).toEqual([shellWarning]);
    expect(d.warnings).not.toBe(extra);
    expect(extra).toHaveLength(1);
  });

  it('carries shell warnings on leads the core cannot read too', () => {
    const d = createRouter(config()).route(null, NOW, 3, [shellWarning]);
    expect(d.stage).toBe('unassigned');
    expect(d.warnings).toEqual([shellWarning]);
  });

  it("does not carry one lead's warnings over to the next", () => {
    const router = createRouter(config());
    expect(router.route({id: 'L1'}, NOW, 0, [shellWarning]).warnings).toHaveLength(1);
    expect(router.route({id: 'L2'}, NOW, 1).warnings).toBeUndefined();
  });

  it('codes are snake_case and unique', () => {
    const codes = Object.values(WARNING_CODES);
    for (const c of codes) expect(c).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('addWarning keeps one of each code, field and value; values are cut to 60 characters', () => {
    const list: RoutingWarning[] = [];
    addWarning(list, warning('a_b', 'm', 'zip', '2134'));
    addWarning(list, warning('a_b', 'm again', 'zip', '2134'));
    addWarning(list, warning('a_b', 'm', 'zip', '6469'));
    expect(list.map(w => w.value)).toEqual(['2134', '6469']);
    expect(warning('a_b', 'm', 'f', 'x'.repeat(100)).value).toHaveLength(60);
  });
});
