// Reading the config for the CLI, and checking a CSV header row against what the config reads.
// Every failure becomes a CliError naming the file; no stack traces reach the user.
import fs from 'node:fs';
import {validateConfig} from '../shared/config/validate';
import {CANONICAL_FIELDS, type RoutingConfig} from '../shared/config/schema';
import {compilePath, fieldPath, readPath, type FieldPath} from '../shared/lead';
import {decodeText} from './decode';
import {CliError} from './verb';

export {CliError};

export function readConfig(file: string): RoutingConfig {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let text: string;
  try {
    text = decodeText(bytes);
  } catch (e) {
    throw new CliError(`config ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`config ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const result = validateConfig(json);
  if (!result.ok) {
    throw new CliError(
      `config ${file} is invalid (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}):\n` +
        result.issues.map(i => `  ${i.path || '(config)'}: ${i.message}`).join('\n'),
    );
  }
  return result.config;
}

/**
 * The lead field paths a config reads, compiled as routing compiles them (mapped fields, else the
 * name with its default export headers as aliases): every canonical field, condition and dedupe
 * field, the intent field, plus `extra` paths (e.g. --time-field).
 */
export function fieldsRead(config: RoutingConfig, extra: Array<string | undefined> = []): FieldPath[] {
  const mapped = config.fields as Record<string, string | undefined>;
  const names = new Set<string>(CANONICAL_FIELDS);
  for (const t of config.territories) for (const c of t.conditions) names.add(c.field);
  for (const f of config.dedupe?.fields ?? []) names.add(f);
  if (config.intent?.field) names.add(config.intent.field);
  const paths = [...names].map(n => fieldPath(mapped, n));
  for (const p of extra) if (p) paths.push(compilePath(p));
  return paths;
}

/**
 * Throws CliError when no header of a CSV is read by the config (a record of the headers is read
 * with the core's own path reader, so a header matches exactly as routing will read it): such a
 * file would route every lead on no data. The message shows the headers and the delimiter used.
 */
export function checkHeaders(
  headers: string[] | undefined,
  config: RoutingConfig,
  source: string,
  delimiter: string | undefined,
  extra: Array<string | undefined> = [],
): void {
  if (!headers || !headers.length) return;
  const record = Object.fromEntries(headers.map(h => [h, 'x']));
  if (fieldsRead(config, extra).some(p => readPath(record, p) !== undefined)) return;
  const shown = headers.slice(0, 8).map(h => JSON.stringify(h.length > 40 ? h.slice(0, 40) + '…' : h));
  const delim = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  throw new CliError(
    `leads ${source}: no column matches a field the config reads (header row split on ${delim}: ` +
      `${shown.join(', ')}${headers.length > 8 ? ', …' : ''}). Map the columns in the config's "fields", ` +
      'or give --delimiter if the columns were split wrongly',
  );
}
