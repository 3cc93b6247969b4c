// Rep references (territory reps, pool reps, default owner, account owners) offered as options: the
// reps defined in the node's own Reps parameter, as the editor currently holds them.
import type {ILoadOptionsFunctions, INodePropertyOptions} from 'n8n-workflow';

export const REP_OPTIONS_METHOD = 'getReps';

interface UiRep {
  id?: unknown;
  name?: unknown;
  email?: unknown;
}

/**
 * The node's reps as options `{name: "Ana Diaz (ana)", value: "ana"}`, in roster order, each ID once;
 * rows without an ID, or whose ID is an expression, are left out (their value is known only per item).
 */
export async function getReps(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
  const reps = (this.getCurrentNodeParameter('reps') as {rep?: UiRep[]} | undefined)?.rep ?? [];
  const seen = new Set<string>();
  const out: INodePropertyOptions[] = [];
  for (const r of reps) {
    const id = typeof r?.id === 'string' ? r.id.trim() : '';
    if (!id || id.startsWith('=') || seen.has(id)) continue;
    seen.add(id);
    const name = typeof r.name === 'string' && r.name.trim() && !r.name.startsWith('=') ? r.name.trim() : '';
    const email = typeof r.email === 'string' && r.email.trim() && !r.email.startsWith('=') ? r.email.trim() : '';
    out.push({name: name && name !== id ? `${name} (${id})` : id, value: id, description: email || undefined});
  }
  return out;
}
