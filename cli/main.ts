// lead-routing: validate, route and back-test routing configs (a thin shell over the core).
// This file only dispatches: a verb is a file exporting a Verb, and one line in VERBS.
import {PassThrough} from 'node:stream';
import {version} from '../package.json';
import {HELP_FLAG, parseFlags, suggest} from './args';
import {checkFileFlags} from './paths';
import {CliError, UsageError, type CliIO, type Verb} from './verb';
import {lintVerb} from './verbs/lint';
import {routeVerb} from './verbs/route';
import {schemaVerb} from './verbs/schema';
import {simulateVerb} from './verbs/simulate';
import {testVerb} from './verbs/test';
import {validateVerb} from './verbs/validate';

/** Every verb, in the order `--help` lists them. */
export const VERBS: Verb[] = [validateVerb, lintVerb, testVerb, routeVerb, simulateVerb, schemaVerb];

const find = (name: string) => VERBS.find(v => v.name === name);

/** The overview printed by `lead-routing --help`. */
export function overview(): string {
  const w = Math.max(...VERBS.map(v => v.name.length));
  return [
    `lead-routing ${version} — validate, route and back-test lead routing configs`,
    '',
    'usage: lead-routing <verb> [flags]',
    '',
    ...VERBS.map(v => `  ${v.name.padEnd(w)}  ${v.summary}`),
    '',
    '  lead-routing help <verb>     usage, flags and examples of one verb (or: <verb> --help)',
    '  lead-routing --version       the version',
    '',
    'Exit codes: 0 done, 1 bad input (config, leads, state) or findings, 2 wrong usage.',
  ].join('\n');
}

/** Usage of one verb: synopsis, flags, details, examples. */
export function verbHelp(v: Verb): string {
  const flags = Object.entries({...v.flags, help: HELP_FLAG});
  const label = ([name, s]: (typeof flags)[number]) =>
    `${s.short ? `-${s.short}, ` : '    '}--${name}${s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : ''}`;
  const w = Math.max(...flags.map(f => label(f).length));
  return [
    `usage: lead-routing ${v.name} ${v.synopsis}`.trimEnd(),
    '',
    v.summary,
    '',
    'flags:',
    ...flags.map(f => `  ${label(f).padEnd(w)}  ${f[1].help}`),
    ...(v.details ? ['', v.details] : []),
    '',
    'examples:',
    ...v.examples.map(e => `  ${e}`),
  ].join('\n');
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first = '', ...rest] = argv;
  const say = (s: string) => io.stdout.write(s + '\n');
  const complain = (s: string) => io.stderr.write(s + '\n');
  let verb: Verb | undefined;
  try {
    if (first === '--version' || first === '-V') {
      if (rest.length) throw new UsageError(`${first} takes no argument, not "${rest[0]}"`);
      say(version);
      return 0;
    }
    if (first === '' || first === '-h' || first === '--help' || first === 'help') {
      if (first === '' && rest.length) throw unknownVerb(first);
      if (rest.length > 1) throw new UsageError(`${first} takes at most one verb, not "${rest.join(' ')}"`);
      if (rest.length) {
        const v = find(rest[0]);
        if (!v) throw unknownVerb(rest[0]);
        say(verbHelp(v));
        return 0;
      }
      if (first === '') {
        complain(overview());
        return 2;
      }
      say(overview());
      return 0;
    }
    verb = find(first);
    if (!verb) throw unknownVerb(first);
    const flags = parseFlags(rest, verb.flags);
    if (flags.help === true) {
      say(verbHelp(verb));
      return 0;
    }
    checkFileFlags(flags, verb.flags);
    return await verb.run(flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const more = verb ? `run "lead-routing ${verb.name} --help" for its flags` : 'run "lead-routing --help"';
      complain(`lead-routing: ${e.message}\n${more}`);
      return 2;
    }
    if (e instanceof CliError) {
      complain(`lead-routing: ${e.message}`);
      return 1;
    }
    complain(`lead-routing: unexpected error: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  }
}

function unknownVerb(name: string): UsageError {
  const near = name.startsWith('-')
    ? null
    : suggest(
        name,
        VERBS.map(v => v.name),
      );
  return new UsageError(
    name.startsWith('-')
      ? `a verb comes first (${VERBS.map(v => v.name).join(', ')}), not the flag ${name}`
      : `unknown verb "${name}"${near ? ` — did you mean ${near}?` : ''}`,
  );
}

/** Test helper: in-memory stdin/stdout/stderr. */
export function memoryIO(stdin = '', clock = () => Date.now(), env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', b => out.push(b));
  stderr.on('data', b => err.push(b));
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIO = {stdin: input, stdout, stderr, clock, env};
  return {io, out: () => Buffer.concat(out).toString('utf8'), err: () => Buffer.concat(err).toString('utf8')};
}

if (require.main === module) {
  // A reader that goes away (`lead-routing route … | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  void main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: () => Date.now(),
    env: process.env,
  }).then(code => {
    process.exitCode = code;
  });
}
