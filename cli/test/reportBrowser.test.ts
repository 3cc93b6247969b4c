// The HTML report as a manager sees it: real headless Chromium (Debian's chromium via
// playwright-core) opens the file simulate wrote. No console errors, no request but the file itself,
// and every chart's numbers, read from the DOM, equal the JSON report's.
// LEAD_ROUTING_SCREENSHOTS=1 also writes the picture the docs show (docs/images/simulate-report.png).
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Browser, Page} from 'playwright-core';
import {root, run, tmpDir, writer, NOW} from './helpers';

jest.setTimeout(180_000);

const SHOTS = process.env.LEAD_ROUTING_SCREENSHOTS === '1';
const sampleConfig = path.join(root, 'shared/samples/config.json');

const sampleLeads = path.join(root, 'shared/samples/leads.csv');
const dir = tmpDir();
const write = writer(dir);

let browser: Browser;
let page: Page;
let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
const errors: string[] = [];
const requests: string[] = [];
let fileUrl = '';

beforeAll(async () => {
  // The configs as a person names them (relative to the working directory), as the report shows them.
  const sample = JSON.parse(fs.readFileSync(sampleConfig, 'utf8'));
  write('routing.json', JSON.stringify(sample));
  write(
    'proposed.json',
    JSON.stringify({...sample, territories: sample.territories.filter((t: {id: string}) => t.id !== 'texas')}),
  );
  const args = ['simulate', '--config', 'routing.json', '--compare', 'proposed.json', '--leads', sampleLeads];
  const flags = ['--time-field', 'createdAt', '--now', NOW, '-q'];
  const html = path.join(dir, 'report.html');
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    expect((await run([...args, ...flags, '--format', 'html', '--out', html])).code).toBe(0);
    json = JSON.parse((await run([...args, ...flags, '--format', 'json'])).out);
  } finally {
    process.chdir(cwd);
  }
  fileUrl = pathToFileURL(html).href;

  const {chromium} = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({viewport: {width: 1150, height: 900}, deviceScaleFactor: 1});
  page = await context.newPage();
  page.on('console', m => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('request', r => requests.push(r.url()));
  // Anything but the report itself would be a network request: refused (and recorded above).
  await page.route('**/*', route => (route.request().url() === fileUrl ? route.continue() : route.abort()));
  await page.goto(fileUrl);
});

afterAll(async () => {
  await browser?.close();
});

/** An SVG element's box (the test's types have no DOM library). */
interface Box {
  getBBox(): {width: number; height: number};
}

/** Bars of one chart: label, data-value, the number shown, data-capacity, the drawn width. */
async function bars(chart: string) {
  return page.$$eval(`[data-chart="${chart}"] g.bar`, gs =>
    gs.map(g => ({
      label: g.getAttribute('data-label'),
      series: g.getAttribute('data-series'),
      value: Number(g.getAttribute('data-value')),
      shown: Number(g.querySelector('.n')?.textContent),
      capacity: g.hasAttribute('data-capacity') ? Number(g.getAttribute('data-capacity')) : null,
      width: (g.querySelector('rect') as unknown as Box).getBBox().width,
      height: (g.querySelector('rect') as unknown as Box).getBBox().height,
    })),
  );
}

test('the page renders with no console error and no request but the file', async () => {
  expect(await page.title()).toContain('Lead routing report');
  expect(errors).toEqual([]);
  expect(requests).toEqual([fileUrl]);
});

test('leads per rep against capacity: the numbers shown and the capacity ticks are the JSON report’s', async () => {
  const s = json.a.summary;
  const got = await bars('a-rep');
  expect(got.map(b => b.label)).toEqual(s.load.reps.map((r: {repId: string}) => r.repId));
  for (const [i, r] of s.load.reps.entries()) {
    expect(got[i].value).toBe(r.leads);
    expect(got[i].shown).toBe(r.leads);
    expect(got[i].capacity).toBe(r.caps.daily === null ? null : r.caps.daily * r.routingDays);
    if (r.leads > 0) expect(got[i].width).toBeGreaterThan(0);
  }
  // Bars are drawn to scale: the widest bar is the rep with the most leads.
  const max = Math.max(...got.map(b => b.value));
  expect(got.find(b => b.width === Math.max(...got.map(x => x.width)))!.value).toBe(max);
});

test('per territory, per stage and by hour of day in the owners’ zones', async () => {
  const s = json.a.summary;
  const t = await bars('a-territory');
  expect(t.map(b => [b.label, b.value, b.shown])).toEqual(
    s.load.territories.map((x: {territoryId: string; leads: number}) => [x.territoryId, x.leads, x.leads]),
  );
  const st = await bars('a-stage');
  expect(Object.fromEntries(st.map(b => [b.label, b.shown]))).toEqual(s.byStage);
  const h = await bars('a-hour');
  expect(h.map(b => b.shown)).toEqual(s.byHour.assigned);
  expect(h.map(b => b.label)).toEqual(Array.from({length: 24}, (_, i) => String(i).padStart(2, '0')));
  const hu = await bars('a-hour-unassigned');
  expect(hu.map(b => b.shown)).toEqual(s.byHour.unassigned);
  const cards = await page.$$eval('#run-a .card', cs => cs.map(c => c.textContent));
  expect(cards).toContainEqual(expect.stringContaining(`territory match${(100 * s.rates.territory).toFixed(1)}%`));
});

test('the comparison: leads per rep under A and B, owner moves and the changed leads', async () => {
  const pairs = await bars('compare-rep');
  for (const b of pairs) {
    const run = b.series === 'A' ? json.a : json.b;
    expect(b.shown).toBe(run.summary.byRep[b.label!] ?? 0);
  }
  expect(pairs.length).toBe(2 * Object.keys(json.a.summary.byRep).length);
  const rows = await page.$$eval('table.changes tbody tr', trs =>
    trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent)),
  );
  expect(rows).toEqual(
    json.compare.changes.map((c: Record<string, string | null>) => [
      String(c.leadId),
      c.ownerA ?? '-',
      c.ownerB ?? '-',
      c.stageA,
      c.stageB,
      c.territoryA ?? '-',
      c.territoryB ?? '-',
    ]),
  );
  const moves = await page.$$eval('table.moves tbody tr', trs =>
    trs.map(tr => Number(tr.lastElementChild!.textContent)),
  );
  expect(moves.reduce((x, y) => x + y, 0)).toBe(json.compare.changedOwner);
  const cards = await page.$$eval('#compare .card .big', cs => cs.map(c => Number(c.textContent)));
  expect(cards).toEqual([json.compare.changedOwner, json.compare.changedStage]);
  if (SHOTS) {
    fs.mkdirSync(path.join(root, 'docs/images'), {recursive: true});
    await page.setViewportSize({width: 1150, height: 1500});
    await page.screenshot({path: path.join(root, 'docs/images/simulate-report.png')});
  }
});
