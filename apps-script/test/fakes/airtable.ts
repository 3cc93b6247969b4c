// A fake Airtable Web API behind the fake UrlFetchApp: list with filterByFormula and paging,
// PATCH batches of at most 10, scripted failures. Real request shapes, loopback-free (no network).
import type {HttpHandler, HttpReply, HttpRequestLog} from './world';

export interface FakeRecord {
  id: string;
  fields: Record<string, unknown>;
}

export interface FakeAirtable {
  handler: HttpHandler;
  tables: Record<string, FakeRecord[]>;
  /** Record id -> how many PATCHes touched it. */
  patched: Map<string, number>;
  /** Replies to use instead of the normal one, by request number (1-based) or for the next PATCHes. */
  failAt: Map<number, HttpReply>;
  requests: number;
  pageSize: number;
}

export const BASE_ID = 'appTESTBASE000001';
export const TOKEN = 'patTESTTOKEN.0123456789';

export function fakeAirtable(tables: Record<string, FakeRecord[]>, expectFormula = "{Assigned To} = ''"): FakeAirtable {
  const at: FakeAirtable = {
    handler: () => ({status: 500, body: {}}),
    tables,
    patched: new Map(),
    failAt: new Map(),
    requests: 0,
    pageSize: 100,
  };
  at.handler = (req: HttpRequestLog): HttpReply => {
    at.requests++;
    const scripted = at.failAt.get(at.requests);
    if (scripted) return scripted;
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return {status: 401, body: {error: {type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required'}}};
    const u = new URL(req.url);
    const m = /^\/v0\/([^/]+)\/([^/]+)$/.exec(u.pathname);
    if (!m || m[1] !== BASE_ID) return {status: 404, body: {error: 'NOT_FOUND'}};
    const table = tables[decodeURIComponent(m[2])];
    if (!table) return {status: 404, body: {error: {type: 'TABLE_NOT_FOUND', message: 'Could not find table'}}};
    if (req.method === 'GET') {
      const formula = u.searchParams.get('filterByFormula');
      if (formula !== null && formula !== expectFormula)
        return {status: 422, body: {error: {type: 'INVALID_FILTER_BY_FORMULA'}}};
      const size = Math.min(Number(u.searchParams.get('pageSize') ?? 100), 100, at.pageSize);
      const rows = formula
        ? table.filter(r => r.fields['Assigned To'] === undefined || r.fields['Assigned To'] === '')
        : table;
      const start = Number(u.searchParams.get('offset')?.replace('itr', '') ?? 0);
      const page = rows.slice(start, start + size);
      const body: {records: FakeRecord[]; offset?: string} = {
        records: page.map(r => ({id: r.id, fields: {...r.fields}})),
      };
      if (start + size < rows.length) body.offset = `itr${start + size}`;
      return {status: 200, body};
    }
    if (req.method === 'PATCH') {
      const payload = JSON.parse(req.payload ?? '{}') as {records: FakeRecord[]};
      if (!Array.isArray(payload.records) || payload.records.length > 10)
        return {status: 422, body: {error: {type: 'INVALID_RECORDS'}}};
      for (const r of payload.records)
        if (!table.some(x => x.id === r.id)) return {status: 422, body: {error: {type: 'ROW_DOES_NOT_EXIST'}}};
      for (const r of payload.records) {
        const rec = table.find(x => x.id === r.id)!;
        for (const [k, v] of Object.entries(r.fields)) {
          if (v === '' || v === null) delete rec.fields[k];
          else rec.fields[k] = v;
        }
        at.patched.set(r.id, (at.patched.get(r.id) ?? 0) + 1);
      }
      return {status: 200, body: {records: payload.records}};
    }
    return {status: 405, body: {}};
  };
  return at;
}

/** Reps as Airtable records: Airtable omits a false checkbox, so `Available` is absent then. */
export function repRecords(
  reps: {id: string; name?: string; email?: string; available?: boolean; weight?: number}[],
): FakeRecord[] {
  return reps.map((r, i) => {
    const fields: Record<string, unknown> = {Id: r.id, Name: r.name ?? r.id};
    if (r.email) fields.Email = r.email;
    if (r.available !== false) fields.Available = true;
    if (r.weight !== undefined) fields.Weight = r.weight;
    return {id: `recRep${String(i).padStart(11, '0')}`, fields};
  });
}

export function leadRecords(leads: Record<string, unknown>[]): FakeRecord[] {
  return leads.map((l, i) => ({id: `recLead${String(i).padStart(10, '0')}`, fields: {...l}}));
}
