// Load generator: every lead POSTed at once to the webhook; a failed attempt (network error or 5xx)
// is retried the way a webhook sender would retry, so a lead whose response was lost is sent again.
import os from 'node:os';
import { sleep } from './procs.mjs';

async function postOnce(url, body, timeoutMs) {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

/**
 * POST every lead concurrently. Resolves with one result per lead (input order):
 * { lead, ok, json, attempts, errors: string[] } and the wall-clock time of the whole wave.
 */
export async function fireWave(url, leads, { retries = 6, timeoutMs = 180000, retryDelayMs = 1000 } = {}) {
  const t0 = Date.now();
  const results = await Promise.all(leads.map(async lead => {
    const errors = [];
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      try {
        const r = await postOnce(url, lead, timeoutMs);
        if (r.status >= 200 && r.status < 300 && r.json !== undefined) return { lead, ok: true, json: r.json, attempts: attempt, errors };
        errors.push(`HTTP ${r.status}: ${r.text.slice(0, 200)}`);
      } catch (e) {
        errors.push(String(e && e.cause ? `${e.message} (${e.cause.code || e.cause.message})` : e));
      }
      await sleep(retryDelayMs);
    }
    return { lead, ok: false, json: undefined, attempts: retries + 1, errors };
  }));
  // 1-minute load average at the end: the machine's other work shows up in the throughput.
  return { results, elapsedMs: Date.now() - t0, load: os.loadavg()[0] };
}

export function makeLeads(prefix, n) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(4, '0')}`,
    email: `${prefix}-${i}@lead-${i % 37}.example.com`,
    state: 'TX',
  }));
}
