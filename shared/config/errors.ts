export interface ConfigIssue {
  /** Where in the config, e.g. "territories[0].conditions[1].op" ("" for the root). */
  path: string;
  message: string;
}

/** A config that cannot be used, with every problem and its path. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super('Invalid routing config:\n' + issues.map(i => `  - ${i.path || '(config)'}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
