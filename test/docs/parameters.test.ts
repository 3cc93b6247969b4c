/** nodes/PARAMETERS.md matches the node descriptions (UPDATE_DOCS=1 rewrites the generated block). */
import fs from 'node:fs';
import path from 'node:path';
import {END, START, renderParameters} from './parameters';

const FILE = path.resolve(__dirname, '../../nodes/PARAMETERS.md');

it('nodes/PARAMETERS.md is generated from the current node descriptions', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  expect(a).toBeGreaterThanOrEqual(0);
  expect(b).toBeGreaterThan(a);
  const current = text.slice(a, b + END.length);
  const fresh = renderParameters();
  if (process.env.UPDATE_DOCS === '1' && current !== fresh) {
    fs.writeFileSync(FILE, text.slice(0, a) + fresh + text.slice(b + END.length));
    return;
  }
  expect(current).toBe(fresh);
});

it('lists every parameter, including collection options (e.g. the Redis fallback)', () => {
  const fresh = renderParameters();
  expect(fresh).toContain('`fallbackToLocal`');
  expect(fresh).toContain('`options.outputField`');
  expect(fresh).toContain('`territories.territory[].conditions`');
});
