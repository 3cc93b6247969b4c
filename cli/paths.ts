// An output must never be one of the run's inputs: `--leads X.csv --out X.csv` would truncate the
// leads while they are read, `--out S --state S` would overwrite decisions with state. Checked
// before any file is read or written, by identity (device and inode) when the file exists, so
// `./x`, `x`, a symlink or a hard link to it all count as the same file.
import fs from 'node:fs';
import path from 'node:path';
import {UsageError, type FlagSpec, type Flags} from './verb';

interface FileArg {
  /** The flag it comes from, and how to name it in a message. */
  flag: string;
  label: string;
  file: string;
  writes: boolean;
}

/** What names one file: "dev:ino" when it exists, else its absolute path with the directory's real path. */
function identity(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    const abs = path.resolve(file);
    let dir = path.dirname(abs);
    try {
      dir = fs.realpathSync(dir);
    } catch {
      /* a directory that does not exist: the output will fail to open anyway */
    }
    return path.join(dir, path.basename(abs));
  }
}

/**
 * Throws UsageError when a file the verb writes (a flag with `file: 'out'` or `'state'`, and a state's
 * `.key`, `.lock` and `.tmp` companions) is also another file flag of the same run. `-` (stdin or
 * stdout) is not a file and is skipped.
 */
export function checkFileFlags(flags: Flags, specs: Record<string, FlagSpec>): void {
  const args: FileArg[] = [];
  for (const [flag, spec] of Object.entries(specs)) {
    const v = flags[flag];
    if (!spec.file || typeof v !== 'string' || v === '' || v === '-') continue;
    args.push({flag, label: `--${flag} ${v}`, file: v, writes: spec.file !== 'in'});
    if (spec.file === 'state') {
      // The companions sit beside the state's target (a symlinked state keeps them with the real file).
      let target = v;
      try {
        target = fs.realpathSync(v);
      } catch {
        /* not there yet */
      }
      for (const [ext, what] of [
        ['.key', 'key file'],
        ['.lock', 'lock file'],
        ['.tmp', 'temporary file'],
      ]) {
        args.push({flag, label: `the --${flag} ${what} ${v + ext}`, file: target + ext, writes: true});
      }
    }
  }
  const ids = args.map(a => identity(a.file));
  for (let i = 0; i < args.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [args[j], args[i]];
      if (ids[i] !== ids[j] || (!a.writes && !b.writes) || a.flag === b.flag) continue;
      throw new UsageError(
        `${b.label} is the same file as ${a.label}: writing one would destroy the other; nothing was read or written`,
      );
    }
  }
}
