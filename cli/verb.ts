// What a verb of the `lead-routing` command line is. main.ts dispatches on VERBS; a new verb is one
// file exporting a Verb and one line in that list.
import type {Readable, Writable} from 'node:stream';

/** One flag of a verb (names without the leading `--`). */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in usage, e.g. `FILE`. */
  value?: string;
  /** One line for `--help`. */
  help: string;
  /** A file path the verb reads (`in`), writes (`out`) or reads then writes (`state`): an output may not be an input. */
  file?: 'in' | 'out' | 'state';
}

/** Parsed flags of one verb: strings for string flags, true for boolean flags that were given. */
export type Flags = Record<string, string | boolean | string[] | undefined>;

/** The process around a verb; tests give in-memory streams and a fixed clock. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Current time in epoch ms (the only clock read; used when --now is absent). */
  clock: () => number;
  env: Record<string, string | undefined>;
}

export interface Verb {
  name: string;
  /** One line for the verb list. */
  summary: string;
  /** Synopsis lines after `lead-routing <name>`. */
  synopsis: string;
  flags: Record<string, FlagSpec>;
  /** Paragraphs of explanation after the flag list (optional). */
  details?: string;
  examples: string[];
  /** Exit code: 0 ok, 1 bad input or findings, 2 usage. Throw UsageError / CliError for failures. */
  run(flags: Flags, io: CliIO): Promise<number>;
}

/** Wrong use of the command line (exit 2, with the verb's usage). */
export class UsageError extends Error {}

/** Input that cannot be used: bad config, unreadable file, locked state (exit 1, no usage). */
export class CliError extends Error {}

/** Writes one line to a stream (the line ending added). */
export function println(stream: Writable, s: string): void {
  stream.write(s.endsWith('\n') ? s : s + '\n');
}
