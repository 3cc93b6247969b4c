import {emptyState} from '../../shared';
import {escapeCell, escapeHtml} from '../src/escape';
import {
  CHUNK_BYTES,
  chunkString,
  serializeState,
  stateFromProperties,
  stateProperties,
  utf8Length,
} from '../src/stateStore';
import {columnBlocks} from '../src/sheetRun';
import {readSettings} from '../src/settings';
import {digests} from '../src/notify';
import {changeMayAddLeads} from '../src/triggers';

describe('escapeCell', () => {
  it('prefixes text Sheets would read as a formula, leaves numbers and plain text alone', () => {
    expect(escapeCell('=IMPORTXML("x","//a")')).toBe('\'=IMPORTXML("x","//a")');
    expect(escapeCell('+1 555')).toBe("'+1 555");
    expect(escapeCell('@foo')).toBe("'@foo");
    expect(escapeCell('-foo')).toBe("'-foo");
    expect(escapeCell('-12.5')).toBe('-12.5');
    expect(escapeCell('Ana')).toBe('Ana');
    expect(escapeCell(3)).toBe(3);
    expect(escapeCell(null)).toBe('');
    expect(escapeCell(['a', 'b'])).toBe('a, b');
    expect(escapeHtml('<b>"x"</b>')).toBe('&#60;b&#62;&#34;x&#34;&#60;/b&#62;');
  });
});

describe('state in properties', () => {
  it('chunks by UTF-8 bytes without splitting characters, and reads back the same state', () => {
    const s = 'é'.repeat(5000) + '😀'.repeat(3000) + 'a'.repeat(9000);
    const chunks = chunkString(s, 8000);
    expect(chunks.join('')).toBe(s);
    for (const c of chunks) expect(utf8Length(c)).toBeLessThanOrEqual(8000);
    expect(utf8Length('😀é')).toBe(Buffer.byteLength('😀é'));
    const state = emptyState();
    for (let i = 0; i < 5000; i++) state.dedupe['k' + i.toString(16).padStart(16, '0')] = ['ana', 1e12 + i, null];
    state.pools.Texas = {last: 'Zoë'};
    const props = stateProperties(state);
    expect(Object.keys(props).length).toBeGreaterThan(3);
    for (const v of Object.values(props)) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(stateFromProperties(props)).toEqual(state);
  });

  it('trims the oldest dedupe keys first when the state outgrows its budget', () => {
    const state = emptyState();
    for (let i = 0; i < 1000; i++) state.dedupe['k' + i] = ['ana', i, null];
    state.pools.pool = {last: 'ben'};
    const json = serializeState(state, 20000);
    expect(utf8Length(json)).toBeLessThanOrEqual(20000);
    const kept = JSON.parse(json);
    expect(kept.pools.pool.last).toBe('ben');
    expect(kept.dedupe.k999).toBeDefined();
    expect(kept.dedupe.k0).toBeUndefined();
  });

  it('a missing or broken chunk gives an empty state, not an error', () => {
    expect(stateFromProperties({'leadRouting.state.n': '2', 'leadRouting.state.0': '{"v":1'})).toEqual(emptyState());
    expect(stateFromProperties({})).toEqual(emptyState());
  });
});

describe('small pure helpers', () => {
  it('column blocks group adjacent columns', () => {
    expect(columnBlocks([5, 6, 7, 8])).toEqual([[5, 6, 7, 8]]);
    expect(columnBlocks([9, 2, 7, 8])).toEqual([[2], [7, 8, 9]]);
  });
  it('settings: bad values are reported and replaced by defaults', () => {
    const r = readSettings({
      strategy: 'nope',
      cascade: 'exact, pool',
      airtableBaseId: 'bad',
      dedupe: {enabled: true, windowHours: -1},
    });
    expect(r.settings.strategy).toBe('round_robin');
    expect(r.settings.cascade).toEqual(['exact', 'pool']);
    expect(r.problems).toHaveLength(3);
  });
  it('one digest per rep e-mail', () => {
    const d = (owner: string | null) => ({
      leadId: 0,
      ownerId: owner,
      ownerName: owner,
      ownerEmail: owner ? `${owner}@x.com` : null,
      stage: 'pool' as const,
      territoryId: null,
      territoryName: null,
      score: null,
      reason: '',
      candidates: [],
      configVersion: 'v',
      decidedAt: '',
    });
    const m = digests([
      {lead: {Name: 'A'}, decision: d('ana')},
      {lead: {Name: 'B'}, decision: d('ana')},
      {lead: {}, decision: d(null)},
    ]);
    expect([...m.keys()]).toEqual(['ana@x.com']);
    expect(m.get('ana@x.com')!.lines).toEqual(['• A', '• B']);
  });
  it('change types that can add rows', () => {
    expect(['EDIT', 'INSERT_ROW', 'OTHER'].every(changeMayAddLeads)).toBe(true);
    expect(changeMayAddLeads('FORMAT')).toBe(false);
  });
});
