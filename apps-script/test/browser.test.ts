// The sidebar and the preview as a person sees them: real headless Chromium at Google's 300 px
// sidebar width, google.script.run stubbed by a bridge into the built bundle (each call runs the
// named global in a fresh vm execution against the same fake spreadsheet). No network: Google's
// add-on stylesheet is answered with an empty body, every other request is refused.
// LEAD_ROUTING_SCREENSHOTS=1 also writes the pictures the docs show (docs/images/, and the sheet
// layout picture apps-script/sheet-layout.png rendered from the sheets after a real run).
import fs from 'node:fs';
import path from 'node:path';
import type {Browser, Page} from 'playwright-core';
import {createWorld, sheetValues, type World} from './fakes';
import {DIST, bundleCode, newExecution, run} from './loadBundle';
import {SHEETS} from '../src/layout';
import {escapeHtml} from '../src/escape';

const ROOT = path.join(__dirname, '..', '..');
const SHOTS = process.env.LEAD_ROUTING_SCREENSHOTS === '1';
const SIDEBAR_WIDTH = 300;

jest.setTimeout(120000);

let browser: Browser;

beforeAll(async () => {
  const {chromium} = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
});

afterAll(async () => {
  await browser?.close();
});

const BRIDGE = `
(function () {
  function runner(handlers) {
    return new Proxy({}, {
      get: function (_, name) {
        if (name === 'withSuccessHandler') return function (f) { return runner(Object.assign({}, handlers, {ok: f})); };
        if (name === 'withFailureHandler') return function (f) { return runner(Object.assign({}, handlers, {fail: f})); };
        if (name === 'withUserObject') return function () { return runner(handlers); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          window.__gasCall(String(name), JSON.stringify(args)).then(function (text) {
            var r = JSON.parse(text);
            if (r.error !== undefined) { if (handlers.fail) handlers.fail(new Error(r.error)); }
            else if (handlers.ok) handlers.ok(r.value);
          });
        };
      }
    });
  }
  window.google = {script: {run: runner({}), host: {close: function () {}}}};
})();
`;

interface Opened {
  page: Page;
  errors: string[];
  calls: string[];
}

async function openPage(world: World, html: string, width: number, height: number): Promise<Opened> {
  const context = await browser.newContext({viewport: {width, height}, deviceScaleFactor: 1});
  const page = await context.newPage();
  const errors: string[] = [];
  const calls: string[] = [];
  page.on('console', m => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('dialog', d => void d.accept());
  await page.route('**/*', route => {
    const url = route.request().url();
    if (url === 'https://ssl.gstatic.com/docs/script/css/add-ons1.css') {
      return route.fulfill({status: 200, contentType: 'text/css', body: ''});
    }
    return route.abort();
  });
  await page.exposeFunction('__gasCall', (name: string, argsJson: string) => {
    calls.push(name);
    try {
      const value = newExecution(world).call(name, ...(JSON.parse(argsJson) as unknown[]));
      return JSON.stringify({value: value === undefined ? null : value});
    } catch (e) {
      return JSON.stringify({error: e instanceof Error ? e.message : String(e)});
    }
  });
  // The bridge comes first in <head>, as Google's iframe defines google.script.run before the page runs.
  const withBridge = /<head>/i.test(html)
    ? html.replace(/<head>/i, `<head><script>${BRIDGE}</script>`)
    : `<script>${BRIDGE}</script>${html}`;
  await page.setContent(withBridge, {waitUntil: 'load'});
  return {page, errors, calls};
}

function sampleWorld(): World {
  const world = createWorld();
  world.clock.ms = Date.parse('2026-11-24T16:00:00Z');
  run(world, 'setUpSheets');
  run(world, 'addSamples');
  return world;
}

function sidebarHtml(): string {
  bundleCode();
  return fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
}

describe('the sidebar in headless Chromium at 300 px (issue 17 #2)', () => {
  it('renders the controls with human labels, no console errors, and drives the real bundle', async () => {
    const world = sampleWorld();
    const {page, errors, calls} = await openPage(world, sidebarHtml(), SIDEBAR_WIDTH, 1200);
    await page.waitForFunction("document.querySelectorAll('#strategy option').length > 0");
    for (const label of ['Assign now', 'Preview', 'Turn on', 'Save', 'Reset rotation…']) {
      expect(await page.getByRole('button', {name: label}).count()).toBe(1);
    }
    expect(await page.getByRole('link', {name: 'Help'}).getAttribute('href')).toMatch(/docs\/sheets-add-on\.md$/);
    expect(await page.locator('#strategy option:checked').textContent()).toBe('Round robin (take turns)');
    expect(await page.locator('#stages li').allTextContents()).toEqual([
      expect.stringContaining('Territory: every condition matches'),
      expect.stringContaining('Territory: best partial match'),
      expect.stringContaining('Specialist: a rep with the lead’s skill'),
      expect.stringContaining('Everyone available (the pool)'),
      expect.stringContaining('Default owner'),
    ]);
    expect(await page.locator('#dedupeEnabled').isChecked()).toBe(true);
    expect(await page.locator('#dedupeDays').inputValue()).toBe('30');
    expect(await page.locator('#zoneNote').textContent()).toMatch(/America\/Chicago/);
    // Only the fields of the chosen source: no Airtable box for the sheet.
    expect(await page.locator('#airtableBox').isVisible()).toBe(false);
    // Nothing wider than the sidebar.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    if (SHOTS) await page.screenshot({path: path.join(ROOT, 'docs', 'images', 'sidebar.png'), fullPage: true});

    // Validate on save: a default owner not on Reps is refused at once.
    await page.fill('#defaultOwner', 'Zoe Nobody');
    await page.getByRole('button', {name: 'Save'}).click();
    await page.waitForFunction("document.getElementById('msg').textContent !== 'Saving…'");
    expect(await page.locator('#msg').textContent()).toBe(
      'Settings, default owner: "Zoe Nobody" is not on the Reps sheet.',
    );
    expect(await page.locator('#msg').getAttribute('class')).toBe('error');

    // Assign now: the status and the last run with its details, in the spreadsheet's zone.
    await page.getByRole('button', {name: 'Assign now'}).click();
    await page.waitForFunction("/Assigned/.test(document.getElementById('actionMsg').textContent)");
    expect(await page.locator('#actionMsg').textContent()).toBe('Assigned 4 new leads.');
    expect(await page.locator('#lastRun').textContent()).toMatch(/2026-11-24 10:00 \(America\/Chicago\) · sidebar/);
    expect(await page.locator('#lastRun li').allTextContents()).toEqual([
      'Assigned: 4',
      'Could not be assigned: 0',
      'Left for the next run: 0',
    ]);

    // Automatic assignment on, then the Airtable fields appear only when Airtable is chosen.
    await page.getByRole('button', {name: 'Turn on'}).click();
    await page.waitForFunction("document.getElementById('autoToggle').textContent === 'Turn off'");
    expect(world.triggers.length).toBeGreaterThan(0);
    await page.selectOption('#source', 'airtable');
    expect(await page.locator('#airtableBox').isVisible()).toBe(true);
    if (SHOTS)
      await page.screenshot({path: path.join(ROOT, 'docs', 'images', 'sidebar-after-run.png'), fullPage: true});

    expect(calls).toEqual(
      expect.arrayContaining(['getSettings', 'saveSettings', 'assignFromSidebar', 'setAutoAssign']),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the preview dialog renders the sample leads with no console errors', async () => {
    const world = sampleWorld();
    run(world, 'previewRouting');
    const dialog = world.ui.dialogs[world.ui.dialogs.length - 1];
    expect(dialog.title).toBe('Preview routing');
    const {page, errors} = await openPage(world, dialog.html, SIDEBAR_WIDTH, 700);
    expect(await page.locator('table tr').count()).toBe(5);
    expect(await page.locator('table').textContent()).toMatch(/\(sample\) Cy Park/);
    expect(errors).toEqual([]);
    if (SHOTS) {
      await page.setViewportSize({width: 900, height: 400});
      await page.screenshot({path: path.join(ROOT, 'docs', 'images', 'preview.png'), fullPage: true});
    }
    await page.context().close();
  });

  it('the sheet layout picture comes from a real run of the built bundle', async () => {
    const world = sampleWorld();
    run(world, 'assignNewLeads');
    const html = sheetsHtml(world, [SHEETS.reps, SHEETS.territories, SHEETS.leads, SHEETS.log]);
    const {page, errors} = await openPage(world, html, 1400, 800);
    // The picture shows what the run wrote: every sample lead has an owner and a reason.
    const leads = sheetValues(world, SHEETS.leads);
    const to = leads[0].indexOf('Assigned To');
    expect(leads.slice(1, 5).every(r => String(r[to]).startsWith('(sample) '))).toBe(true);
    expect(await page.locator('table').count()).toBe(4);
    expect(errors).toEqual([]);
    if (SHOTS) await page.screenshot({path: path.join(ROOT, 'apps-script', 'sheet-layout.png'), fullPage: true});
    await page.context().close();
  });
});

/** The sheets as simple HTML tables (header row, data rows; Dates in the spreadsheet's zone). */
function sheetsHtml(world: World, names: string[]): string {
  const cell = (v: unknown) =>
    v instanceof Date
      ? new Intl.DateTimeFormat('sv-SE', {timeZone: world.timeZone, dateStyle: 'short', timeStyle: 'short'}).format(v)
      : v === true
        ? '☑'
        : v === false
          ? '☐'
          : String(v ?? '');
  const tables = names
    .map(name => {
      const values = sheetValues(world, name).filter((r, i) => i === 0 || r.some(v => v !== ''));
      const width = values[0].length;
      const rows = values
        .map((r, i) => {
          const tag = i === 0 ? 'th' : 'td';
          const cells = Array.from({length: width}, (_, c) => `<${tag}>${escapeHtml(cell(r[c]))}</${tag}>`).join('');
          return `<tr><td class="n">${i + 1}</td>${cells}</tr>`;
        })
        .join('');
      return `<div class="tab">${escapeHtml(name)}</div><table>${rows}</table>`;
    })
    .join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
    body { font-family: Arial, sans-serif; font-size: 12px; margin: 12px; color: #202124; }
    .tab { display: inline-block; background: #e8f0fe; color: #1a73e8; border: 1px solid #c6dafc; padding: 3px 10px; margin-top: 12px; font-weight: bold; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid #dadce0; padding: 3px 6px; white-space: nowrap; max-width: 420px; overflow: hidden; text-overflow: ellipsis; }
    th { background: #f1f3f4; } td.n { background: #f8f9fa; color: #5f6368; }
  </style></head><body>${tables}</body></html>`;
}
