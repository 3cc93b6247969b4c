// The fakes are typed against @types/google-apps-script: a fake method with a wrong signature, or
// add-on code calling Apps Script wrongly, fails this compile.
import {execFileSync} from 'node:child_process';
import path from 'node:path';

it('apps-script sources, fakes and tests compile against @types/google-apps-script', () => {
  const root = path.join(__dirname, '..', '..');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  let out = '';
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '-p', path.join(root, 'apps-script', 'tsconfig.json')], {
      encoding: 'utf8',
    });
  } catch (e) {
    out = String((e as {stdout?: string}).stdout ?? e);
  }
  expect(out).toBe('');
}, 120000);
