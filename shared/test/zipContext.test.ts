// Settled reading 6 on zip `in` / `notIn`: a condition value is read in the context of the lead it is compared with,
// so "5000" is ZIP 05000 for a US lead and postal code 5000 for an Adelaide or Indian one, never the other's reading.
import {compileConfig} from '../compile';
import type {RoutingConfig} from '../config/schema';

const config = (op: 'in' | 'notIn', values: string[]) =>
  compileConfig({
    version: 1,
    reps: [{id: 'a'}],
    territories: [{id: 't', reps: ['a'], conditions: [{field: 'zip', op, values}]}],
  } as unknown as RoutingConfig);

const exact = (op: 'in' | 'notIn', values: string[], lead: Record<string, unknown>) =>
  config(op, values)
    .matcher.match(lead)
    .exact.map(t => t.territoryId);

describe('zip in / notIn read in the lead’s country context', () => {
  test.each([
    // lead                                    in ["5000"]
    [{zip: '05000', country: 'IN'}, []], // a 5-digit code abroad is not the US reading of 5000
    [{zip: '05000', country: 'US'}, ['t']],
    [{zip: '05000'}, ['t']],
    [{zip: '5000', country: 'AU'}, ['t']],
    [{zip: 5000, country: 'AU'}, ['t']],
    [{zip: '5000', country: 'US'}, ['t']], // a ZIP that lost its leading zero
    [{zip: ['05000', '6000'], country: 'AU'}, []],
    [{zip: ['6000', '5000'], country: 'AU'}, ['t']],
  ])('in ["5000"], lead %j: %j', (lead, want) => {
    expect(exact('in', ['5000'], lead)).toEqual(want);
  });

  test.each([
    [{zip: '05000', country: 'IN'}, ['t']],
    [{zip: '05000', country: 'US'}, []],
    [{zip: '5000', country: 'AU'}, []],
    [{zip: ['6000', '5000'], country: 'AU'}, []],
  ])('notIn ["5000"], lead %j: %j', (lead, want) => {
    expect(exact('notIn', ['5000'], lead)).toEqual(want);
  });

  test('values read alike in every context stay indexed and match as before', () => {
    expect(exact('in', ['75001', '110001'], {zip: '75001'})).toEqual(['t']);
    expect(exact('in', ['75001', '110001'], {zip: '110001', country: 'IN'})).toEqual(['t']);
  });
});
