// A small Airtable Web API client over UrlFetchApp: paging, batches of 10, at most 5 requests per
// second per base, 30 s back-off on 429. Any other failure throws AirtableError (the run stops).
export const AIRTABLE_API = 'https://api.airtable.com/v0';
export const MAX_REQUESTS_PER_SECOND = 5;
export const RATE_LIMIT_WAIT_MS = 30000;
export const MAX_429_RETRIES = 3;
export const UPDATE_BATCH = 10;

export interface AirtableRecord {
  id: string;
  fields: Record<string, unknown>;
}

export class AirtableError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AirtableError';
  }
}

function describe(status: number, body: string): string {
  let detail = '';
  try {
    const parsed = JSON.parse(body) as {error?: {type?: string; message?: string} | string};
    detail =
      typeof parsed.error === 'string'
        ? parsed.error
        : [parsed.error?.type, parsed.error?.message].filter(Boolean).join(': ');
  } catch {
    detail = body.slice(0, 200);
  }
  const hint =
    status === 401
      ? ' Check the personal access token in Settings.'
      : status === 403
        ? ' The token needs data.records:read and data.records:write on this base.'
        : status === 404
          ? ' Check the base id and that the base has tables "Leads" and "Reps".'
          : status === 422
            ? ' Check that the Leads table has the fields Assigned To, Assigned At, Territory and Routing Reason.'
            : '';
  return `Airtable answered ${status}${detail ? ` (${detail})` : ''}.${hint}`;
}

export class AirtableClient {
  private readonly sent: number[] = [];
  /** Requests made, 429 back-offs taken (for the run summary and tests). */
  readonly stats = {requests: 0, rateLimited: 0};

  constructor(
    private readonly baseId: string,
    private readonly token: string,
  ) {}

  /** Sleeps so that no 1-second window holds more than MAX_REQUESTS_PER_SECOND requests. */
  private throttle(): void {
    if (this.sent.length >= MAX_REQUESTS_PER_SECOND) {
      const oldest = this.sent[this.sent.length - MAX_REQUESTS_PER_SECOND];
      const wait = oldest + 1000 - Date.now();
      if (wait > 0) Utilities.sleep(wait);
    }
    this.sent.push(Date.now());
    if (this.sent.length > MAX_REQUESTS_PER_SECOND) this.sent.shift();
  }

  private request(method: 'get' | 'patch', path: string, body?: unknown): unknown {
    for (let attempt = 0; ; attempt++) {
      this.throttle();
      this.stats.requests++;
      let res: GoogleAppsScript.URL_Fetch.HTTPResponse;
      try {
        res = UrlFetchApp.fetch(`${AIRTABLE_API}/${encodeURIComponent(this.baseId)}/${path}`, {
          method,
          headers: {Authorization: `Bearer ${this.token}`},
          contentType: 'application/json',
          payload: body === undefined ? undefined : JSON.stringify(body),
          muteHttpExceptions: true,
        });
      } catch (e) {
        throw new AirtableError(0, `Airtable could not be reached (${e instanceof Error ? e.message : String(e)}).`);
      }
      const status = res.getResponseCode();
      if (status === 429 && attempt < MAX_429_RETRIES) {
        this.stats.rateLimited++;
        Utilities.sleep(RATE_LIMIT_WAIT_MS);
        continue;
      }
      const text = res.getContentText();
      if (status < 200 || status >= 300) throw new AirtableError(status, describe(status, text));
      try {
        return JSON.parse(text);
      } catch {
        throw new AirtableError(status, 'Airtable answered with something that is not JSON.');
      }
    }
  }

  /** Every record of a table (optionally filtered), following `offset` page by page. */
  list(table: string, filterByFormula?: string): AirtableRecord[] {
    const out: AirtableRecord[] = [];
    let offset: string | undefined;
    do {
      const q = ['pageSize=100'];
      if (filterByFormula) q.push('filterByFormula=' + encodeURIComponent(filterByFormula));
      if (offset) q.push('offset=' + encodeURIComponent(offset));
      const page = this.request('get', `${encodeURIComponent(table)}?${q.join('&')}`) as {
        records?: AirtableRecord[];
        offset?: string;
      };
      for (const r of page.records ?? []) out.push({id: r.id, fields: r.fields ?? {}});
      offset = page.offset;
    } while (offset);
    return out;
  }

  /** Updates at most UPDATE_BATCH records in one PATCH (Airtable applies a batch all or nothing). */
  update(table: string, records: {id: string; fields: Record<string, unknown>}[]): void {
    if (records.length > UPDATE_BATCH) throw new Error(`at most ${UPDATE_BATCH} records per update`);
    this.request('patch', encodeURIComponent(table), {records, typecast: true});
  }
}
