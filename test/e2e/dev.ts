// `npm run dev`: a local n8n with this package installed and the example workflows imported.
// `npm run dev -- --screenshot`: the same on a free port, then a headless Chromium screenshot of the
// Route Lead workflow to nodes/RouteLead/route-lead-workflow.png (and its parameter panel to
// route-lead-parameters.png), then exit.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  cleanupAll,
  createUserFolder,
  freePort,
  importWorkflow,
  ROOT,
  setupOwner,
  startN8n,
  type N8nServer,
  type Session,
} from './lib/n8n';
import {showcaseWorkflow} from './showcase';

function workflowFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'build') walk(p);
      else if (e.name.endsWith('.json') && !e.name.startsWith('package')) out.push(p);
    }
  };
  walk(path.join(ROOT, 'workflows-examples'));
  for (const n of ['RouteLead', 'TerritoryMatch', 'RoundRobin']) walk(path.join(ROOT, 'nodes', n, 'test'));
  return out;
}

async function importAll(folder: Awaited<ReturnType<typeof createUserFolder>>): Promise<number> {
  let n = 0;
  for (const file of workflowFiles()) {
    let wf: Record<string, unknown>;
    try {
      wf = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (!Array.isArray(wf.nodes)) continue;
    // A stable id per file, so restarting dev updates workflows instead of duplicating them.
    wf.id ??= crypto.createHash('sha1').update(path.relative(ROOT, file)).digest('hex').slice(0, 16);
    try {
      await importWorkflow(folder, wf);
      n++;
    } catch (e) {
      console.warn(`skipped ${path.relative(ROOT, file)}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return n;
}

async function screenshot(
  server: N8nServer,
  session: Session,
  workflowId: string,
  out: string,
  panelOut: string,
): Promise<void> {
  const {chromium} = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({viewport: {width: 1280, height: 720}, deviceScaleFactor: 1});
    // The session cookie is bound to the browser id the login was made with.
    await context.addInitScript({content: "localStorage.setItem('n8n-browserId', 'lead-routing-e2e');"});
    const [name, value] = session.cookie.split('=');
    await context.addCookies([{name, value: session.cookie.slice(name.length + 1) || value, url: server.url}]);
    const page = await context.newPage();
    await page.goto(`${server.url}/workflow/${workflowId}`, {waitUntil: 'networkidle'});
    if (page.url().includes('/signin')) {
      await page.fill('input[type=email], input[name=emailOrLdapLoginId]', session.email);
      await page.fill('input[type=password]', session.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(u => !u.toString().includes('/signin'));
      await page.goto(`${server.url}/workflow/${workflowId}`, {waitUntil: 'networkidle'});
    }
    await page.waitForSelector('text=Route Lead', {timeout: 60_000});
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1500); // canvas fit-to-view animation
    await page.screenshot({path: out});
    // The node's parameter panel: proves the description renders in n8n's editor.
    // The node's label sits under its box: double-click the box just above it.
    const label = await page.getByText('Route Lead', {exact: true}).first().boundingBox();
    if (!label) throw new Error('Route Lead is not on the canvas');
    await page.mouse.dblclick(label.x + label.width / 2, label.y - 40);
    await page.waitForSelector('text=Routing Rules', {timeout: 30_000});
    await page.waitForTimeout(1000);
    await page.screenshot({path: panelOut});
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const takeScreenshot = process.argv.includes('--screenshot');
  const dir = takeScreenshot ? undefined : (process.env.N8N_DEV_FOLDER ?? path.join(ROOT, '.n8n-test/dev'));
  if (dir) fs.mkdirSync(dir, {recursive: true});
  const folder = await createUserFolder({dir});
  const showcase = showcaseWorkflow();
  await importWorkflow(folder, showcase);
  const imported = await importAll(folder);
  const port = takeScreenshot ? await freePort() : Number(process.env.PORT ?? 5678);
  const server = await startN8n(folder, {port});
  const session = await setupOwner(server);
  if (takeScreenshot) {
    const out = path.join(ROOT, 'nodes/RouteLead/route-lead-workflow.png');
    const panelOut = path.join(ROOT, 'nodes/RouteLead/route-lead-parameters.png');
    await screenshot(server, session, showcase.id as string, out, panelOut);
    console.log(`screenshots: ${path.relative(ROOT, out)}, ${path.relative(ROOT, panelOut)}`);
    await server.stop();
    await cleanupAll();
    return;
  }
  console.log(`\nn8n with n8n-nodes-lead-routing: ${server.url}  (user folder ${folder.dir})`);
  console.log(`sign in as ${session.email} / ${session.password}; ${imported + 1} workflows imported. Ctrl-C stops.`);
  await new Promise<void>(resolve => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.stop();
  await cleanupAll();
}

main().catch(async e => {
  console.error(e instanceof Error ? e.message : e);
  await cleanupAll();
  process.exit(1);
});
