// Worker-thread entry (bundled by run.mjs): loads the bundled core and runs one job in this fresh
// isolate, then posts the timings back.
import {parentPort, workerData} from 'node:worker_threads';
import type {Core} from './core';
import {Job, runJob} from './jobs';

const {corePath, job} = workerData as {corePath: string; job: Job};
const core = require(corePath) as Core;
parentPort!.postMessage(runJob(core, job));
