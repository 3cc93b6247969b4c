import type {IExecuteFunctions, INode} from 'n8n-workflow';
import {sameForEveryItem} from '../sameForEveryItem';

function ctxWith(parameters: INode['parameters']): IExecuteFunctions {
  const node: INode = {id: '1', name: 'Route Lead', type: 't', typeVersion: 1, position: [0, 0], parameters};
  return {getNode: () => node} as unknown as IExecuteFunctions;
}

describe('sameForEveryItem', () => {
  test('no expression in any parameter: computed once, the same value for every item', () => {
    const calls: number[] = [];
    const f = sameForEveryItem(ctxWith({configSource: 'json', options: {timeField: 'createdAt'}}), i => {
      calls.push(i);
      return {built: i};
    });
    const values = [0, 1, 2, 3].map(f);
    expect(calls).toEqual([0]);
    expect(new Set(values).size).toBe(1);
  });

  test('an expression anywhere (even nested) makes it per item', () => {
    const calls: number[] = [];
    const ctx = ctxWith({configSource: 'json', options: {timeField: '={{ $json.when }}'}});
    const f = sameForEveryItem(ctx, i => (calls.push(i), i));
    expect([0, 1, 2].map(f)).toEqual([0, 1, 2]);
    expect(calls).toEqual([0, 1, 2]);
  });

  test('a throw is not kept: each item computes (and reports) its own error until one succeeds', () => {
    const calls: number[] = [];
    const f = sameForEveryItem(ctxWith({}), i => {
      calls.push(i);
      if (i < 2) throw new Error(`item ${i}`);
      return 'ok';
    });
    expect(() => f(0)).toThrow('item 0');
    expect(() => f(1)).toThrow('item 1');
    expect(f(2)).toBe('ok');
    expect(f(3)).toBe('ok');
    expect(calls).toEqual([0, 1, 2]);
  });
});
