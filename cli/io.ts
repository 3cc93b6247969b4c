// Reading configs, leads and state files for the CLI. Every failure becomes a CliError with a
// message naming the file; no stack traces reach the user.
import fs from 'node:fs';
import path from 'node:path';
import {parse as parseCsv} from 'csv-parse/sync';
import {validateConfig} from '../shared/config/validate';
import type {RoutingConfig} from '../shared/config/schema';
import {copyState} from '../shared/state';
import type {RotationState} from '../shared/types';

export class CliError extends Error {}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function readConfig(file: string): RoutingConfig {
  const text = readText(file, 'config');
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

/** Leads from .json (an array, or {"leads": [...]}), .jsonl/.ndjson or .csv (header row). */
export function readLeads(file: string): unknown[] {
  const text = readText(file, 'leads');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') {
    try {
      return parseCsv(text, {columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true});
    } catch (e) {
      throw new CliError(`leads ${file} is not valid CSV: ${(e as Error).message}`);
    }
  }
  if (ext === '.jsonl' || ext === '.ndjson') {
    const leads: unknown[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        leads.push(JSON.parse(line));
      } catch (e) {
        throw new CliError(`leads ${file} line ${i + 1} is not valid JSON: ${(e as Error).message}`);
      }
    });
    return leads;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`leads ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object' && Array.isArray((json as {leads?: unknown}).leads)) {
    return (json as {leads: unknown[]}).leads;
  }
  throw new CliError(`leads ${file} must hold a JSON array of leads (or {"leads": [...]})`);
}

export function readState(file: string): RotationState | undefined {
  if (!fs.existsSync(file)) return undefined;
  const text = readText(file, 'state');
  if (!text.trim()) return undefined;
  try {
    return copyState(JSON.parse(text));
  } catch (e) {
    throw new CliError(`state ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export function writeState(file: string, state: RotationState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(state) + '\n');
    fs.renameSync(tmp, file);
  } catch (e) {
    throw new CliError(`cannot write state ${file}: ${(e as Error).message}`);
  }
}
