export interface ParsedArgs {
  command: string;
  flags: Record<string, string | true>;
}

/** `cmd --key value --flag --key=value` */
export function parseArgs(argv: string[]): ParsedArgs {
  const [command = '', ...rest] = argv;
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
    else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) flags[a.slice(2)] = rest[++i];
    else flags[a.slice(2)] = true;
  }
  return {command, flags};
}

export class UsageError extends Error {}

export function stringFlag(flags: ParsedArgs['flags'], name: string, required: true): string;
export function stringFlag(flags: ParsedArgs['flags'], name: string, required?: false): string | undefined;
export function stringFlag(flags: ParsedArgs['flags'], name: string, required = false): string | undefined {
  const v = flags[name];
  if (v === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
}
