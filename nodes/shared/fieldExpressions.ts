// Parameters that name a lead field (a condition's Field, Field Mapping, Dedupe Fields, Intent Field,
// Lead Time Field) take a dot path, or an expression giving the item's value: dragging a field from
// n8n's input panel writes `{{ $json.body.state }}`, which n8n resolves to "CA" for each item. Such a
// parameter becomes a synthetic field of the lead, `__leadField.f<k>`, that holds the item's value:
// the config (with that path) is still compiled once per execution, and only the values differ.
import type {IExecuteFunctions, INodeParameters, NodeParameterValueType} from 'n8n-workflow';

type Raw = Record<string, unknown>;

/** Lead key under which the per-item values of expression-valued field parameters are put. */
export const FIELD_ROOT = '__leadField';

const CONDITION_FIELD = /^territories\.territory\[(\d+)\]\.conditions\.condition\[(\d+)\]\.field$/;
const MAPPED_FIELD = /^fieldMapping\.(\w+)$/;

const isExpression = (v: unknown): boolean => typeof v === 'string' && v.startsWith('=');

/** The parameter paths (as n8n's getNodeParameter takes them) of expression-valued lead-field parameters. */
export function leadFieldExpressionPaths(parameters: INodeParameters): string[] {
  const out: string[] = [];
  const territories = (parameters.territories as {territory?: Array<{conditions?: {condition?: Raw[]}}>})?.territory;
  territories?.forEach((t, ti) =>
    t?.conditions?.condition?.forEach((c, ci) => {
      if (isExpression(c?.field)) out.push(`territories.territory[${ti}].conditions.condition[${ci}].field`);
    }),
  );
  const mapping = parameters.fieldMapping as Raw | undefined;
  if (mapping && typeof mapping === 'object') {
    for (const [k, v] of Object.entries(mapping)) if (isExpression(v)) out.push(`fieldMapping.${k}`);
  }
  if (isExpression(parameters.dedupeFields)) out.push('dedupeFields');
  const options = parameters.options as Raw | undefined;
  if (options && isExpression(options.intentField)) out.push('options.intentField');
  if (options && isExpression(options.timeField)) out.push('options.timeField');
  return out;
}

/**
 * The expression-valued lead-field parameters of a node: how they enter the config (as synthetic
 * paths) and each item's lead (with the values n8n resolved for it).
 */
export class LeadFieldExpressions {
  /** Synthetic key per parameter path. */
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly ctx: IExecuteFunctions,
    readonly paths: readonly string[],
  ) {
    paths.forEach((p, k) => this.keys.set(p, `f${k}`));
  }

  static of(ctx: IExecuteFunctions): LeadFieldExpressions {
    return new LeadFieldExpressions(ctx, leadFieldExpressionPaths(ctx.getNode().parameters));
  }

  /** The dot path a config uses for parameter `param` (undefined when it is not an expression). */
  pathOf(param: string): string | undefined {
    const key = this.keys.get(param);
    return key === undefined ? undefined : `${FIELD_ROOT}.${key}`;
  }

  /** The raw config with each expression-valued field replaced by its synthetic path. */
  patch(config: Raw, dedupeWindowHours?: number): Raw {
    if (this.paths.length === 0) return config;
    const out: Raw = {...config};
    for (const param of this.paths) {
      const path = this.pathOf(param)!;
      const cond = CONDITION_FIELD.exec(param);
      if (cond) {
        const territories = Array.isArray(out.territories) ? [...(out.territories as Raw[])] : [];
        const t = territories[Number(cond[1])];
        const conditions = t && Array.isArray(t.conditions) ? [...(t.conditions as Raw[])] : null;
        if (t && conditions && conditions[Number(cond[2])]) {
          conditions[Number(cond[2])] = {...conditions[Number(cond[2])], field: path};
          territories[Number(cond[1])] = {...t, conditions};
          out.territories = territories;
        }
        continue;
      }
      const mapped = MAPPED_FIELD.exec(param);
      if (mapped) out.fields = {...((out.fields as Raw) ?? {}), [mapped[1]]: path};
      else if (param === 'dedupeFields') {
        out.dedupe = {...((out.dedupe as Raw) ?? {}), fields: [path]};
        if (dedupeWindowHours !== undefined && (out.dedupe as Raw).windowHours === undefined) {
          (out.dedupe as Raw).windowHours = dedupeWindowHours;
        }
      } else if (param === 'options.intentField' && out.intent) out.intent = {...(out.intent as Raw), field: path};
    }
    return out;
  }

  /** Item i's lead: its JSON, plus the values its expressions resolved to (the JSON itself when none). */
  lead(json: Raw, i: number): Raw {
    if (this.paths.length === 0) return json;
    const values: Raw = {};
    for (const param of this.paths) {
      if (param !== 'options.timeField') values[this.keys.get(param)!] = this.value(param, i);
    }
    return {...json, [FIELD_ROOT]: values};
  }

  /** The time field as a (lead, path) pair to read the lead time from. */
  timeSource(json: Raw, i: number, path: string | undefined): {lead: Raw; path: string | undefined} {
    if (!this.keys.has('options.timeField')) return {lead: json, path};
    // (keyed by the parameter's name, so a warning about an unreadable time names it)
    return {lead: {'Lead Time Field': this.value('options.timeField', i)}, path: 'Lead Time Field'};
  }

  private value(param: string, i: number): NodeParameterValueType | undefined {
    return this.ctx.getNodeParameter(param, i, undefined) as NodeParameterValueType | undefined;
  }
}
