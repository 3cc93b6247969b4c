// getNodeParameter resolves a parameter for one item, and costs microseconds each time. When no
// parameter of the node holds an expression (a string starting with "="), every item reads the
// same values: read (and build the config) once per execution instead of once per item.
import type {IExecuteFunctions} from 'n8n-workflow';

function hasExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('=');
  if (Array.isArray(value)) return value.some(hasExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
  return false;
}

/** Parameters the nodes read once per execution, for item 0 (`liveAvailability`: the rows of a previous node). */
export const ONCE_PER_EXECUTION: readonly string[] = ['liveAvailability'];

/**
 * `perItem` itself when the node's parameters hold an expression (but in `readOncePerExecution`); otherwise its first result for
 * every item. A throw is not kept, so each item still reports its own error with its own index.
 */
export function sameForEveryItem<T>(
  ctx: IExecuteFunctions,
  perItem: (i: number) => T,
  readOncePerExecution: readonly string[] = ONCE_PER_EXECUTION,
): (i: number) => T {
  const params = ctx.getNode().parameters;
  if (Object.keys(params).some(k => !readOncePerExecution.includes(k) && hasExpression(params[k]))) return perItem;
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
