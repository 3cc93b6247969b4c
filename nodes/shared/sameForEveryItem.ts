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

/**
 * `perItem` itself when the node's parameters hold an expression; otherwise its first result for
 * every item. A throw is not kept, so each item still reports its own error with its own index.
 */
export function sameForEveryItem<T>(ctx: IExecuteFunctions, perItem: (i: number) => T): (i: number) => T {
  if (hasExpression(ctx.getNode().parameters)) return perItem;
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
