import {countServiceCalls, oursCalls} from './serviceCalls';
import {column, ownerIds, simpleConfig} from './harness';
import {SHEETS} from '../src/layout';

describe('Spreadsheet service calls per run', () => {
  it('stay constant with the number of new rows; the per-row script grows with them', async () => {
    const r10 = await countServiceCalls(10);
    const r1000 = await countServiceCalls(1000);
    expect(r1000.ours).toBe(r10.ours);
    expect(r10.ours).toBeLessThan(40);
    expect(r1000.perRowScript).toBeGreaterThan(10 * r10.perRowScript);
    expect(r1000.perRowScript).toBeGreaterThan(1000 * 5);
  });

  it('assigns all 10,000 new rows in one run with the same number of calls as 10 rows', () => {
    const small = oursCalls(10);
    const big = oursCalls(10000);
    expect(big.calls).toBe(small.calls);
    const owners = ownerIds(big.world, simpleConfig());
    expect(owners.filter(o => o === '')).toHaveLength(0);
    expect(column(big.world, SHEETS.leads, 'Routing Reason').every(r => String(r).length > 0)).toBe(true);
  });
});
