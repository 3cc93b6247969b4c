// Renders every example to workflows-examples/<slug>.json and the index README.md. The JSON files are the
// product; test/static.test.ts fails when they are not what this renders (run `npm run examples:build`).
import * as fs from 'fs';
import * as path from 'path';
import {EXAMPLES} from './index';
import {renderReadme} from './readme';

export const ROOT = path.resolve(__dirname, '..');

export function renderAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const ex of EXAMPLES) files.set(`${ex.slug}.json`, JSON.stringify(ex.build(), null, 2) + '\n');
  files.set('README.md', renderReadme(EXAMPLES));
  return files;
}

export function writeAll(dir = ROOT): string[] {
  const written: string[] = [];
  for (const [name, text] of renderAll()) {
    fs.writeFileSync(path.join(dir, name), text);
    written.push(name);
  }
  return written;
}
