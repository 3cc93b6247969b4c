// getNodeParameter resolves a parameter for one item, and costs microseconds each time. When no
// parameter of the node holds an expression (a string starting with "="), every item reads the
// same values: read (and build the config) once per execution instead of once per item.
import type {IExecuteFunctions} from 'n8n-workflow';

/** Parameters the nodes read once per execution, for item 0 (`liveAvailability`: the rows of a previous node). */
export const ONCE_PER_EXECUTION: readonly string[] = ['liveAvailability'];

/** Whether `value` (at parameter path `path`) holds an expression outside the `skip` paths. */
function hasExpression(value: unknown, path: string, skip: ReadonlySet<string>): boolean {
  if (skip.has(path)) return false;
  if (typeof value === 'string') return value.startsWith('=');
  if (Array.isArray(value)) return value.some((v, i) => hasExpression(v, `${path}[${i}]`, skip));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => hasExpression(v, path ? `${path}.${k}` : k, skip));
  }
  return false;
}

/**
 * `perItem` itself when the node's parameters hold an expression; otherwise its first result for
 * every item. `skip` names parameter paths (as getNodeParameter takes them: `options.timeField`,
 * `territories.territory[0].conditions.condition[1].field`) whose expressions do not count: they are
 * read once per execution (ONCE_PER_EXECUTION) or per item apart from the config (lead-field
 * expressions, see fieldExpressions.ts). A throw is not kept, so each item still reports its own
 * error with its own index.
 */
export function sameForEveryItem<T>(
  ctx: IExecuteFunctions,
  perItem: (i: number) => T,
  skip: readonly string[] = ONCE_PER_EXECUTION,
): (i: number) => T {
  if (hasExpression(ctx.getNode().parameters, '', new Set(skip))) return perItem;
  let done = false;
  let value: T;
  return i => {
    if (!done) {
      value = perItem(i);
      done = true;
    }
    return value;
  };
}
