// npm run test:scale — Round Robin across n8n queue-mode workers, on real Redis, Postgres and n8n.
// Exits 1 when an assertion fails. The static-data skew is measured and reported, not asserted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fireWave, makeLeads } from './lib/load.mjs';
import { importAndPublish, installPackage, locateN8n, queueEnv, startMain, startWorker } from './lib/n8n.mjs';
import { freePort, stopAll, waitFor } from './lib/procs.mjs';
import { startPostgres, startRedis } from './lib/services.mjs';
import { REPS, redisCredential, roundRobinWorkflow } from './workflows.mjs';

const N = Number(process.env.SCALE_LEADS || 400); // per exactness/throughput wave, a multiple of 4
const DUP = Number(process.env.SCALE_DUP_LEADS || 50);
const KILL_LEADS = Number(process.env.SCALE_KILL_LEADS || 200);
const KILL_SIGNAL = process.env.SCALE_KILL_SIGNAL || 'SIGKILL';
const CONCURRENCY = Number(process.env.SCALE_WORKER_CONCURRENCY || 10);
const KEY_PREFIX = 'scale:';

const t0 = Date.now();
const log = m => console.log(`[scale ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}`);
const failures = [];
function check(name, ok, detail = '') {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures.push(`${name}${detail ? ` — ${detail}` : ''}`);
}

/** Per lead (by body.id): owner and stage from the response; per rep counts. */
function analyze(wave) {
  const owners = new Map();
  const perRep = Object.fromEntries(REPS.map(r => [r, 0]));
  const failed = [];
  const unowned = [];
  for (const r of wave.results) {
    if (!r.ok) { failed.push(`${r.lead.id}: ${r.errors.slice(-1)[0]}`); continue; }
    const routing = r.json && r.json.routing;
    const owner = routing && routing.ownerId;
    if (!owner) { unowned.push(r.lead.id); continue; }
    owners.set(r.json.body && r.json.body.id, { owner, stage: routing.stage, attempts: r.attempts });
    perRep[owner] = (perRep[owner] ?? 0) + 1;
  }
  const retriedResults = wave.results.filter(r => r.attempts > 1);
  const retriedDuplicates = retriedResults.filter(r => r.json && r.json.routing && r.json.routing.stage === 'duplicate').length;
  const retryErrors = [...new Set(retriedResults.map(r => r.errors[0].replace(/\d+/g, 'N')))];
  return { owners, perRep, failed, unowned, retried: retriedResults.length, retryErrors, retriedDuplicates,
    rate: wave.results.length / (wave.elapsedMs / 1000), elapsedMs: wave.elapsedMs, load: wave.load };
}

const fmt = perRep => REPS.map(r => `${r} ${perRep[r] ?? 0}`).join(' / ');

async function main() {
  const workDir = fs.mkdtempSync('/tmp/lead-routing-scale-');
  log(`work dir ${workDir}`);
  const report = { leads: N };
  let ok = false;
  try {
    const bin = locateN8n();
    const [redis, pg] = await Promise.all([startRedis(workDir), startPostgres(workDir)]);
    log(`redis 127.0.0.1:${redis.port}, postgres 127.0.0.1:${pg.port}`);
    const userFolder = path.join(workDir, 'n8n');
    fs.mkdirSync(userFolder);
    installPackage(userFolder, workDir);
    log('package installed into the n8n user folder');
    const ctx = { bin, workDir, userFolder, pg, env: queueEnv({ userFolder, redis, pg, encryptionKey: crypto.randomBytes(24).toString('hex') }) };

    const cred = redisCredential('scaleRedis000001', { host: redis.host, port: redis.port, keyPrefix: KEY_PREFIX });
    const deadPort = await freePort(); // nothing listens there
    const deadCred = redisCredential('scaleRedisDown01', { host: '127.0.0.1', port: deadPort, keyPrefix: KEY_PREFIX });
    const wf = {
      warmup: roundRobinWorkflow('scale-warmup', 'redis', cred),
      down: roundRobinWorkflow('scale-redis-down', 'redis', deadCred),
      exact: roundRobinWorkflow('scale-redis-exact', 'redis', cred),
      staticData: roundRobinWorkflow('scale-static-data', 'staticData'),
      dup: roundRobinWorkflow('scale-redis-dup', 'redis', cred),
      staticDup: roundRobinWorkflow('scale-static-dup', 'staticData'),
      kill: roundRobinWorkflow('scale-redis-kill', 'redis', cred),
      one: roundRobinWorkflow('scale-redis-one-worker', 'redis', cred),
    };
    await importAndPublish(ctx, Object.values(wf), [cred, deadCred]);
    log('workflows imported and published');
    const mainProc = await startMain(ctx);
    const workers = await Promise.all([startWorker(ctx, 'worker-1', CONCURRENCY), startWorker(ctx, 'worker-2', CONCURRENCY)]);
    log(`n8n main ${mainProc.url} and 2 workers (concurrency ${CONCURRENCY}) ready`);

    const hook = w => `${mainProc.url}/webhook/${w.id}`;
    // Each workflow's default ledger (nodes/shared/createStateStore.ts ledgerName, redisStateStore.ts redisLedgerKey).
    const stateKey = w => `${KEY_PREFIX}ledger:${encodeURIComponent(`workflow:${w.id}`)}`;
    const redisState = w => {
      const raw = redis.cli('HGET', stateKey(w), 'state');
      return { version: Number(redis.cli('HGET', stateKey(w), 'ver') || 0), state: raw ? JSON.parse(raw) : undefined, raw };
    };
    const counters = state => Object.fromEntries(REPS.map(r => [r, (state && state.reps[r] && state.reps[r].n) || 0]));
    const jobsStarted = w => (fs.readFileSync(w.logFile, 'utf8').match(/Worker started execution/g) || []).length;
    const jobsSince = (before) => workers.map((w, i) => jobsStarted(w) - before[i]);

    // 0. Warm-up (JIT, node loading, Postgres caches) so that the throughput waves compare fairly.
    log('warm-up: 40 leads, not measured');
    const warm = analyze(await fireWave(hook(wf.warmup), makeLeads('warm', 40)));
    check('warm-up: every lead answered', warm.owners.size === 40, fmt(warm.perRep));

    // Redis unreachable: a node error naming host and port, no silent local rotation.
    log(`Redis unreachable: credential pointing at 127.0.0.1:${deadPort}`);
    const down = (await fireWave(hook(wf.down), [{ id: 'down-1', email: 'down-1@lead-0.example.com' }], { retries: 0 })).results[0];
    const downError = pg.psql(`select d.data from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = '${wf.down.id}'`);
    report.down = { answer: down.ok ? JSON.stringify(down.json).slice(0, 200) : down.errors[0].slice(0, 200) };
    check('Redis unreachable: no owner handed out', !(down.ok && down.json && down.json.routing && down.json.routing.ownerId), report.down.answer);
    check('Redis unreachable: execution error names host and port', downError.includes(`Cannot reach Redis at 127.0.0.1:${deadPort}`),
      (downError.match(/Cannot reach Redis[^"]*/) || ['(message not found in the execution data)'])[0]);

    // 1. Redis store, 2 workers: exact.
    log(`wave 1: ${N} concurrent leads, Redis store, 2 workers`);
    let before = workers.map(jobsStarted);
    const exact = analyze(await fireWave(hook(wf.exact), makeLeads('exact', N)));
    const exactJobs = jobsSince(before);
    const exactState = redisState(wf.exact);
    report.redis = { perRep: exact.perRep, rate: exact.rate, load: exact.load, jobs: exactJobs, retried: exact.retried };
    check('every lead answered with an owner', exact.failed.length === 0 && exact.unowned.length === 0,
      `${exact.failed.length} failed, ${exact.unowned.length} without owner ${exact.failed.slice(0, 3).join('; ')}`);
    check('no lead lost, none twice', exact.owners.size === N, `${exact.owners.size} distinct leads of ${N}`);
    check(`each rep exactly ${N / 4}`, REPS.every(r => exact.perRep[r] === N / 4), fmt(exact.perRep));
    check('Redis counters match the answers', JSON.stringify(counters(exactState.state)) === JSON.stringify(exact.perRep),
      fmt(counters(exactState.state)));
    check('one commit per lead', exactState.version === N, `version ${exactState.version}`);
    check('both workers executed leads', exactJobs.every(n => n > 0), `worker jobs ${exactJobs.join(' + ')}`);
    check('state holds no lead e-mail', !exactState.raw.includes('@lead-'), `${exactState.raw.length} bytes`);

    // 2. Static data store, 2 workers: measured, not asserted (this skew is why the Redis store exists).
    log(`wave 2: ${N} concurrent leads, workflow static data, 2 workers`);
    before = workers.map(jobsStarted);
    const st = analyze(await fireWave(hook(wf.staticData), makeLeads('static', N)));
    const stJobs = jobsSince(before);
    const saved = JSON.parse(pg.psql(`select "staticData" from workflow_entity where id = '${wf.staticData.id}'`) || '{}');
    const savedState = saved && Object.values(saved).map(v => v && v.leadRoutingState).find(Boolean);
    report.staticData = { perRep: st.perRep, rate: st.rate, load: st.load, jobs: stJobs, savedCounters: counters(savedState) };
    check('static data: items in = items out', st.failed.length === 0 && st.unowned.length === 0 && st.owners.size === N,
      `${st.owners.size} answered of ${N}`);
    console.log(`  info static data distribution: ${fmt(st.perRep)} (worker jobs ${stJobs.join(' + ')}); ` +
      `counters saved in static data: ${fmt(counters(savedState))}`);

    // 2b. Static data store, 2 workers, the same leads twice: how often a retry gets a second owner.
    log(`wave 2b: ${DUP} leads twice, workflow static data, 2 workers`);
    const staticDupLeads = makeLeads('sdup', DUP);
    const sFirst = analyze(await fireWave(hook(wf.staticDup), staticDupLeads));
    const sSecond = analyze(await fireWave(hook(wf.staticDup), staticDupLeads));
    const sChanged = staticDupLeads.filter(l => (sFirst.owners.get(l.id) || {}).owner !== (sSecond.owners.get(l.id) || {}).owner).length;
    const sNotDup = [...sSecond.owners.values()].filter(o => o.stage !== 'duplicate').length;
    report.staticDup = { changed: sChanged, notRecognised: sNotDup, first: sFirst.perRep, second: sSecond.perRep };
    check('static data duplicates: items in = items out', sFirst.owners.size === DUP && sSecond.owners.size === DUP);
    console.log(`  info static data retries: ${sChanged}/${DUP} leads got a different owner the second time, ` +
      `${sNotDup}/${DUP} not recognised as duplicates`);

    // 3. Webhook retries: the same leads twice.
    log(`wave 3: ${DUP} leads, then the same ${DUP} again`);
    const dupLeads = makeLeads('dup', DUP);
    const first = analyze(await fireWave(hook(wf.dup), dupLeads));
    const afterFirst = redisState(wf.dup);
    const second = analyze(await fireWave(hook(wf.dup), dupLeads));
    const afterSecond = redisState(wf.dup);
    const sameOwner = dupLeads.filter(l => first.owners.get(l.id) && first.owners.get(l.id).owner === (second.owners.get(l.id) || {}).owner).length;
    const dupStage = [...second.owners.values()].filter(o => o.stage === 'duplicate').length;
    report.duplicates = { sameOwner, dupStage, versionBefore: afterFirst.version, versionAfter: afterSecond.version,
      countersBefore: counters(afterFirst.state), countersAfter: counters(afterSecond.state) };
    check('first wave: every lead one owner', first.owners.size === DUP && first.failed.length === 0, fmt(first.perRep));
    check('second wave: same owner for every lead', sameOwner === DUP, `${sameOwner}/${DUP}`);
    check('second wave: every decision is stage duplicate', dupStage === DUP, `${dupStage}/${DUP}`);
    check('second wave: counters did not move', JSON.stringify(counters(afterFirst.state)) === JSON.stringify(counters(afterSecond.state)),
      `${fmt(counters(afterFirst.state))} -> ${fmt(counters(afterSecond.state))}`);
    check('second wave: nothing committed', afterFirst.version === afterSecond.version, `version ${afterFirst.version} -> ${afterSecond.version}`);

    // 4. Kill a worker in the middle of a wave.
    log(`wave 4: ${KILL_LEADS} leads, ${KILL_SIGNAL} to worker-2 mid-wave`);
    before = workers.map(jobsStarted);
    const killWave = fireWave(hook(wf.kill), makeLeads('kill', KILL_LEADS));
    const victim = workers[1];
    await waitFor('worker-2 busy', () => jobsStarted(victim) - before[1] >= Math.min(20, KILL_LEADS / 10), { timeoutMs: 60000, intervalMs: 50 });
    process.kill(victim.child.pid, KILL_SIGNAL);
    const killedAfter = jobsStarted(victim) - before[1];
    log(`worker-2 (pid ${victim.child.pid}) sent ${KILL_SIGNAL} after starting ${killedAfter} executions`);
    const killed = analyze(await killWave);
    await victim.child.exited;
    const killState = redisState(wf.kill);
    const k = KILL_LEADS / 4;
    report.kill = { signal: KILL_SIGNAL, killedAfter, perRep: killed.perRep, retried: killed.retried, retriedDuplicates: killed.retriedDuplicates, retryErrors: killed.retryErrors,
      failed: killed.failed.length, counters: counters(killState.state), elapsedMs: killed.elapsedMs };
    check('kill: every lead ends with an owner', killed.failed.length === 0 && killed.unowned.length === 0 && killed.owners.size === KILL_LEADS,
      `${killed.owners.size}/${KILL_LEADS}, ${killed.retried} retried by the sender ${killed.failed.slice(0, 2).join('; ')}`);
    check(`kill: each rep exactly ${k}`, REPS.every(r => killed.perRep[r] === k), fmt(killed.perRep));
    check('kill: counters = answers (no lead counted twice)', JSON.stringify(counters(killState.state)) === JSON.stringify(killed.perRep),
      fmt(counters(killState.state)));

    // 5. One worker left: throughput with 1 worker on the same lead count as wave 1.
    log(`wave 5: ${N} concurrent leads, Redis store, 1 worker`);
    const one = analyze(await fireWave(hook(wf.one), makeLeads('one', N)));
    report.oneWorker = { perRep: one.perRep, rate: one.rate, load: one.load };
    check('1 worker: every lead answered, each rep exactly N/4', one.owners.size === N && REPS.every(r => one.perRep[r] === N / 4), fmt(one.perRep));

    printReport(report);
    ok = failures.length === 0;
  } catch (e) {
    failures.push(String(e && e.stack || e));
    console.error(e);
  } finally {
    log('stopping everything');
    await stopAll();
    if (ok && !process.env.SCALE_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
    else log(`logs kept in ${workDir}`);
  }
  if (failures.length) {
    console.error(`\n${failures.length} scale check(s) failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  log('all scale checks passed');
}

function printReport(r) {
  const rate = x => `${x.toFixed(1)} leads/s`;
  const lines = [
    '',
    `| run (${r.leads} concurrent leads, 4 reps) | ${REPS.join(' | ')} | end to end | load avg |`,
    `|---|${REPS.map(() => '---:').join('|')}|---:|---:|`,
    `| Redis store, 2 workers | ${REPS.map(x => r.redis.perRep[x]).join(' | ')} | ${rate(r.redis.rate)} | ${r.redis.load.toFixed(1)} |`,
    `| Static data, 2 workers | ${REPS.map(x => r.staticData.perRep[x]).join(' | ')} | ${rate(r.staticData.rate)} | ${r.staticData.load.toFixed(1)} |`,
    `| Redis store, 1 worker | ${REPS.map(x => r.oneWorker.perRep[x]).join(' | ')} | ${rate(r.oneWorker.rate)} | ${r.oneWorker.load.toFixed(1)} |`,
    '',
    `Worker executions (worker-1 + worker-2): Redis wave ${r.redis.jobs.join(' + ')}, static-data wave ${r.staticData.jobs.join(' + ')}.`,
    `Static data counters saved after its wave: ${fmt(r.staticData.savedCounters)}.`,
    `Duplicate wave: ${r.duplicates.sameOwner} same owner, ${r.duplicates.dupStage} stage duplicate, commits ${r.duplicates.versionBefore} -> ${r.duplicates.versionAfter}.`,
    `Static data, same ${DUP} leads twice: ${r.staticDup.changed} got a different owner, ${r.staticDup.notRecognised} not recognised as duplicates.`,
    `Worker kill (${r.kill.signal} after ${r.kill.killedAfter} started executions): ${fmt(r.kill.perRep)}; ${r.kill.retried} leads retried by the sender, ${r.kill.retriedDuplicates} of them answered as duplicates ` +
      `(${r.kill.retryErrors.join('; ') || 'none'}); counters ${fmt(r.kill.counters)}; wave took ${(r.kill.elapsedMs / 1000).toFixed(1)} s.`,
    `Redis unreachable: answer ${r.down.answer}`,
    '',
  ];
  console.log(lines.join('\n'));
  if (process.env.SCALE_REPORT) fs.writeFileSync(process.env.SCALE_REPORT, JSON.stringify(r, null, 2) + '\n' + lines.join('\n'));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    console.error(`\n${sig}: stopping every process this test started`);
    await stopAll();
    process.exit(130);
  });
}

await main();
