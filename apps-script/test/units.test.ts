import {emptyState, StateError} from '../../shared';
import {CELL_LIMIT, escapeCell, escapeHtml} from '../src/escape';
import {
  CHUNK_BYTES,
  STATE_COUNT_KEY,
  STATE_LENGTH_KEY,
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
  it('cuts text to the 50,000-character cell limit, marking the cut (issue 11 #12)', () => {
    const long = 'x'.repeat(60000);
    const cut = escapeCell(long) as string;
    expect(cut.length).toBe(CELL_LIMIT);
    expect(cut.endsWith('…[cut]')).toBe(true);
    expect((escapeCell('=' + long) as string).startsWith("'=")).toBe(true);
    expect(escapeCell('y'.repeat(CELL_LIMIT))).toBe('y'.repeat(CELL_LIMIT));
    // never a lone surrogate at the cut
    const emoji = escapeCell('a' + '😀'.repeat(30000)) as string;
    expect(emoji.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
  });

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

function omit(o: Record<string, string>, key: string): Record<string, string> {
  const out = {...o};
  delete out[key];
  return out;
}

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

  it('no state at all is a first run: the empty state', () => {
    expect(stateFromProperties({})).toEqual(emptyState());
    expect(stateFromProperties({'leadRouting.settings': '{}'})).toEqual(emptyState());
  });

  it('a missing, cut or extra chunk, a wrong count or a non-state is refused, never reset silently (issue 11 #2)', () => {
    const state = emptyState();
    for (let i = 0; i < 3000; i++) state.dedupe['k' + i] = ['ana', 1e12 + i, null];
    const good = stateProperties(state);
    const n = Number(good[STATE_COUNT_KEY]);
    expect(n).toBeGreaterThan(2);
    const cases: [string, Record<string, string>, RegExp][] = [
      ['a chunk missing', omit(good, 'leadRouting.state.1'), /chunk 2 of \d+ is missing/],
      [
        'the last chunk cut short',
        {...good, [`leadRouting.state.${n - 1}`]: good[`leadRouting.state.${n - 1}`].slice(0, 10)},
        /characters where \d+ were written/,
      ],
      [
        'a middle chunk cut short (old format, no length)',
        omit({...good, 'leadRouting.state.1': good['leadRouting.state.1'].slice(0, 100)}, STATE_LENGTH_KEY),
        /not valid JSON/,
      ],
      ['a count too small', {...good, [STATE_COUNT_KEY]: String(n - 1)}, /more chunks than the count/],
      [
        'a count too big',
        {...good, [STATE_COUNT_KEY]: String(n + 1)},
        new RegExp(`chunk ${n + 1} of ${n + 1} is missing`),
      ],
      ['a count that is not a number', {...good, [STATE_COUNT_KEY]: 'x'}, /chunk count is "x"/],
      ['chunks without a count', omit(good, STATE_COUNT_KEY), /chunk count .* is missing/],
      ['an array', {[STATE_COUNT_KEY]: '1', 'leadRouting.state.0': '[]'}, /is not a lead-routing state/],
      [
        'a config',
        {[STATE_COUNT_KEY]: '1', 'leadRouting.state.0': '{"version":1,"reps":[]}'},
        /is not a lead-routing state/,
      ],
      ['a number', {[STATE_COUNT_KEY]: '1', 'leadRouting.state.0': '42'}, /is not a lead-routing state/],
      [
        'pools of the wrong type',
        {[STATE_COUNT_KEY]: '1', 'leadRouting.state.0': '{"v":1,"pools":"x"}'},
        /damaged lead-routing state \(pools: /,
      ],
      [
        'a newer format',
        {[STATE_COUNT_KEY]: '1', 'leadRouting.state.0': '{"v":2,"pools":{}}'},
        /written by a newer version/,
      ],
    ];
    for (const [what, props, message] of cases) {
      let error: unknown = null;
      try {
        stateFromProperties(props);
      } catch (e) {
        error = e;
      }
      expect([what, error instanceof StateError]).toEqual([what, true]);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/document properties \(leadRouting\.state\.\*\)/);
      expect((error as Error).message).toMatch(/Reset rotation/);
    }
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
