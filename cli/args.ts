// Strict flag parsing for every verb: node:util parseArgs, with "did you mean" from an edit distance.
import {parseArgs} from 'node:util';
import {closest, distance} from 'fastest-levenshtein';
import {UsageError, type FlagSpec, type Flags} from './verb';

/** `--help`/`-h` is accepted by every verb. */
export const HELP_FLAG: FlagSpec = {type: 'boolean', short: 'h', help: 'show this verb’s usage and examples'};

/**
 * The nearest of `names` to `typed` when it is close enough to be a typo (edit distance at most
 * a third of the longer name, at least 2), else null. Separators `_` and `-` count as equal.
 */
export function suggest(typed: string, names: string[]): string | null {
  if (!names.length) return null;
  const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');
  const byNorm = new Map(names.map(n => [norm(n), n]));
  const best = closest(norm(typed), [...byNorm.keys()]);
  const limit = Math.max(2, Math.floor(Math.max(best.length, typed.length) / 3));
  return distance(norm(typed), best) <= limit ? byNorm.get(best)! : null;
}

/**
 * Parses `argv` (the arguments after the verb) against `specs`. Throws UsageError for an unknown
 * flag (naming the nearest known one), a missing value, a value given to a boolean flag, or any
 * positional argument.
 */
export function parseFlags(argv: string[], specs: Record<string, FlagSpec>): Flags {
  const options: Record<string, {type: 'string' | 'boolean'; short?: string; multiple?: boolean}> = {};
  for (const [name, s] of Object.entries({...specs, help: HELP_FLAG})) {
    options[name] = {type: s.type, ...(s.short ? {short: s.short} : {}), ...(s.multiple ? {multiple: true} : {})};
  }
  try {
    const {values, tokens} = parseArgs({args: argv, options, strict: true, allowPositionals: false, tokens: true});
    onceEach(tokens, options);
    return {...values} as Flags;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const err = e as Error & {code?: string};
    const msg = err.message.split('\n')[0];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = /'(-{1,2}[^'=\s]+)/.exec(msg)?.[1] ?? msg;
      const near = suggest(typed.replace(/^-+/, ''), Object.keys(options));
      throw new UsageError(`unknown flag ${typed}${near ? ` — did you mean --${near}?` : ''}`);
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'(--[\w-]+)/.exec(msg)?.[1] ?? 'a flag';
      if (/does not take an argument/.test(msg)) throw new UsageError(`${name} takes no value`);
      throw new UsageError(`${name} needs a value (write ${name}=VALUE for a value starting with "-")`);
    }
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']*)'/.exec(msg)?.[1] ?? '';
      throw new UsageError(`unexpected argument "${arg}" (flags are written --name value)`);
    }
    throw new UsageError(msg);
  }
}

/**
 * A flag that takes one value may be given once: parseArgs keeps the last of `--config a --config b`
 * silently, which runs on a file the user may not have meant. Boolean flags may repeat (no value to lose).
 */
function onceEach(
  tokens: ReadonlyArray<{kind: string; name?: string; rawName?: string}>,
  options: Record<string, {type: 'string' | 'boolean'; multiple?: boolean}>,
): void {
  const seen = new Map<string, string>();
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const o = options[t.name];
    if (!o || o.type !== 'string' || o.multiple) continue;
    const before = seen.get(t.name);
    if (before !== undefined) {
      const also = before === t.rawName ? '' : ` (as ${before} and ${t.rawName})`;
      throw new UsageError(`--${t.name} given twice${also}: give it once`);
    }
    seen.set(t.name, t.rawName ?? `--${t.name}`);
  }
}

/** The string value of flag `name`, or undefined; UsageError when required and absent. */
export function stringFlag(flags: Flags, name: string, required: true): string;
export function stringFlag(flags: Flags, name: string, required?: false): string | undefined;
export function stringFlag(flags: Flags, name: string, required = false): string | undefined {
  const v = flags[name];
  if (v === undefined || v === false) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A string flag limited to `choices`; UsageError naming them otherwise. */
export function choiceFlag<T extends string>(flags: Flags, name: string, choices: readonly T[]): T | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) {
    const near = suggest(v, [...choices]);
    throw new UsageError(
      `--${name} must be one of ${choices.join(', ')}, not "${v}"${near ? ` — did you mean ${near}?` : ''}`,
    );
  }
  return v as T;
}
