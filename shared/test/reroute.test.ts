// Issue 14: re-route credit and release. The ledger remembers who holds a lead (by its id, or its
// dedupe key); a lead routed again to another rep credits the previous holder back.
import {createRouter, releaseLead, routeBatch} from '..';
import {config, NOW} from './helpers';

const capOne = config({
  reps: [
    {id: 'ana', name: 'Ana Diaz', capacity: {daily: 1}},
    {id: 'ben', name: 'Ben Ode', capacity: {daily: 1}},
  ],
  pool: {reps: 'all'},
  cascade: ['pool'],
  defaultOwner: undefined,
});

describe('re-route credit', () => {
  test('an SLA re-route (excludeReps) credits the previous owner and charges the new one', () => {
    const r = createRouter(capOne);
    expect(r.route({id: 'L1'}, NOW).ownerId).toBe('ana');
    const re = r.route({id: 'L1', excludeReps: ['ana']}, NOW);
    expect(re.ownerId).toBe('ben');
    expect(re.reroutedFrom).toBe('ana');
    expect(re.reason).toContain('Re-routed from Ana Diaz');
    const s = r.state();
    expect(s.reps.ana.dn).toBe(0);
    expect(s.reps.ben.dn).toBe(1);
    // ana holds nothing now, so she can take a new lead despite her cap of 1
    expect(r.route({id: 'L2'}, NOW).ownerId).toBe('ana');
    expect(r.route({id: 'L3'}, NOW).stage).toBe('unassigned');
  });

  test('without a re-route credit the cap would be exceeded (counts equal the leads held)', () => {
    const r = createRouter(capOne);
    const out = ['L1', 'L2'].map(id => r.route({id}, NOW).ownerId);
    expect(out).toEqual(['ana', 'ben']);
    // both re-routed to the other rep: each still holds exactly one lead
    expect(r.route({id: 'L1', excludeReps: 'ana'}, NOW).stage).toBe('unassigned'); // ben is at capacity
    const s = r.state();
    expect([s.reps.ana.dn, s.reps.ben.dn]).toEqual([1, 1]);
  });

  test('a re-route found by the dedupe key (no lead id) credits too, and a duplicate then returns the new owner', () => {
    const cfg = {...capOne, dedupe: {fields: ['email']}};
    const r = createRouter(cfg);
    expect(r.route({email: 'x@acme.com'}, NOW, 0).ownerId).toBe('ana');
    const re = r.route({email: 'x@acme.com', excludeReps: 'ana'}, NOW, 1);
    expect([re.ownerId, re.reroutedFrom]).toEqual(['ben', 'ana']);
    const dup = r.route({email: 'x@acme.com'}, NOW, 2);
    expect([dup.stage, dup.ownerId]).toEqual(['duplicate', 'ben']);
    expect(r.state().reps.ana.dn).toBe(0);
  });

  test('another lead (its own id) that shares a dedupe key is not a re-route: nobody is credited', () => {
    const cfg = {...capOne, dedupe: {fields: ['email']}};
    const r = createRouter(cfg);
    expect(r.route({id: 'L5', email: 'w@y.com'}, NOW, 0).ownerId).toBe('ana');
    // L6 is a resend of L5's e-mail but ana is excluded: a new assignment for ben, L5 still held by ana
    const l6 = r.route({id: 'L6', email: 'w@y.com', excludeReps: 'ana'}, NOW, 1);
    expect([l6.ownerId, l6.reroutedFrom]).toEqual(['ben', undefined]);
    expect([r.state().reps.ana.dn, r.state().reps.ben.dn]).toEqual([1, 1]);
    // both caps of 1 are used: the next new lead is unassigned, not a third lead for ana
    expect(r.route({id: 'L7', email: 'new@y.com'}, NOW, 2).stage).toBe('unassigned');
    // and releasing L6 does not release L5 (ana keeps her lead and her count)
    const {released, state} = releaseLead({id: 'L6', email: 'w@y.com'}, cfg, r.state(), NOW);
    expect(released?.ownerId).toBe('ben');
    expect([state.reps.ana.dn, state.reps.ben.dn]).toEqual([1, 0]);
  });

  test('the same owner again is not a re-route', () => {
    const r = createRouter(config({pool: {reps: ['ana']}, cascade: ['pool']}));
    r.route({id: 'L1'}, NOW);
    expect(r.route({id: 'L1'}, NOW).reroutedFrom).toBeUndefined();
  });

  test('a credit only touches the period of the original assignment', () => {
    const r = createRouter(config({pool: {reps: ['ana', 'ben']}, cascade: ['pool']}));
    expect(r.route({id: 'L1'}, NOW).ownerId).toBe('ana'); // Monday
    const tuesday = new Date(Date.parse(NOW) + 86400000).toISOString();
    expect(r.route({id: 'L2'}, tuesday).ownerId).toBe('ben');
    expect(r.route({id: 'L3'}, tuesday).ownerId).toBe('ana');
    const re = r.route({id: 'L1', excludeReps: 'ana'}, tuesday);
    expect(re.reroutedFrom).toBe('ana');
    const ana = r.state().reps.ana;
    expect([ana.d, ana.dn]).toEqual([tuesday.slice(0, 10), 1]); // Tuesday's lead stays counted
    expect(ana.wn).toBe(1); // same ISO week: the Monday lead is credited back
  });

  test('held leads are remembered by a pseudonym, not the id', () => {
    const {state} = routeBatch([{id: 'lead-secret-id'}], capOne, undefined, NOW, {secret: 's'});
    expect(JSON.stringify(state)).not.toContain('lead-secret-id');
    expect(Object.keys(state.held!)[0]).toMatch(/^L/);
  });
});

describe('release', () => {
  test('releasing a lead credits its holder and forgets it; unknown leads change nothing', () => {
    const cfg = {...capOne, dedupe: {fields: ['email']}};
    const {state} = routeBatch([{id: 'L1', email: 'a@x.com'}], cfg, undefined, NOW);
    expect(state.reps.ana.dn).toBe(1);
    const {released, state: after} = releaseLead({id: 'L1', email: 'a@x.com'}, cfg, state, NOW);
    expect(released).toEqual({ownerId: 'ana', assignedAt: Date.parse(NOW)});
    expect(after.reps.ana.dn).toBe(0);
    expect(Object.keys(after.dedupe)).toHaveLength(0);
    expect(after.held).toBeUndefined();
    const none = releaseLead({id: 'L2'}, cfg, after, NOW);
    expect(none.released).toBeNull();
    expect(none.state).toEqual(after);
  });
});
