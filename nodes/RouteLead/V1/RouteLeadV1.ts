import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeBaseDescription,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {ONCE_PER_EXECUTION, sameForEveryItem} from '../../shared/sameForEveryItem';
import {LeadFieldExpressions} from '../../shared/fieldExpressions';
import {
  compileCached,
  configWarnings,
  DEFAULT_INTENT_KEYWORDS,
  rawConfig,
  type RouteOptionsParams,
} from '../../shared/configFromParameters';
import {
  configSourceProperties,
  dryRunOption,
  fallbackProperties,
  fieldMappingProperty,
  includeCandidatesOption,
  liveAvailabilityProperty,
  outputFieldOption,
  redisCredentials,
  repsProperty,
  rosterOption,
  stateStoreProperties,
  territoriesProperty,
  timeFieldOption,
  timeZoneOption,
  dateOrderOption,
} from '../../shared/descriptions';
import {inInputOrder, withDecision} from '../../shared/output';
import {routeLeadMethods} from '../../shared/stateStoreMethods';
import {routeItems} from '../../shared/routeItems';
import {liveAvailabilityOnce} from '../../shared/liveAvailability';
import {timedItem, type TimeOptions} from '../../shared/itemTime';

interface Options extends RouteOptionsParams, TimeOptions {
  dryRun?: boolean;
  includeCandidates?: boolean;
  outputField?: string;
}

export class RouteLeadV1 implements INodeType {
  description: INodeTypeDescription;

  methods = routeLeadMethods;

  constructor(baseDescription: INodeTypeBaseDescription) {
    this.description = {
      ...baseDescription,
      version: 1,
      defaults: {name: 'Route Lead'},
      usableAsTool: true,
      inputs: [NodeConnectionTypes.Main],
      outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
      outputNames: ['Assigned', 'Unassigned'],
      credentials: redisCredentials,
      properties: [
        ...configSourceProperties,
        repsProperty,
        territoriesProperty(true),
        ...fallbackProperties,
        fieldMappingProperty,
        liveAvailabilityProperty,
        ...stateStoreProperties,
        {
          displayName: 'Options',
          name: 'options',
          type: 'collection',
          placeholder: 'Add option',
          default: {},
          options: [
            dryRunOption,
            includeCandidatesOption,
            liveAvailabilityProperty,
            {
              displayName: 'Require Sales Intent',
              name: 'requireIntent',
              type: 'boolean',
              default: false,
              description: 'Whether leads whose message has none of the intent keywords go to Unassigned',
            },
            {
              displayName: 'Intent Field',
              name: 'intentField',
              type: 'string',
              default: 'message',
              description: 'Dot path of the text searched for intent keywords',
            },
            {
              displayName: 'Intent Keywords',
              name: 'intentKeywords',
              type: 'string',
              default: DEFAULT_INTENT_KEYWORDS,
              description: 'Comma-separated whole words (case-insensitive)',
            },
            rosterOption,
            timeFieldOption,
            timeZoneOption,
            dateOrderOption,
            outputFieldOption('routing'),
          ],
        },
      ],
    };
  }

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const now = Date.now();
    // Lead-field parameters given as expressions (a dragged field) are per-item values of the lead.
    const fields = LeadFieldExpressions.of(this);
    const skip = [...ONCE_PER_EXECUTION, ...fields.paths];
    const options = sameForEveryItem(this, i => this.getNodeParameter('options', i, {}) as Options, skip);
    const live = liveAvailabilityOnce(this);
    const dedupeWindow = (i: number) => this.getNodeParameter('dedupeWindowHours', i, 720) as number;
    const config = sameForEveryItem(
      this,
      i => {
        const raw = rawConfig(this, i, options(i));
        // (roster cells that could not be read: warnings on each decision)
        return {compiled: compileCached(live(fields.patch(raw, dedupeWindow(i)))), warnings: configWarnings(raw)};
      },
      skip,
    );
    const first = items.length ? options(0) : {};
    const dryRun = first.dryRun === true;
    const includeCandidates = first.includeCandidates === true;
    const field = (first.outputField ?? '').trim() || 'routing';

    const {decisions, failed} = await routeItems(
      this,
      items,
      i => {
        const o = options(i);
        const {compiled, warnings} = config(i);
        const lead = fields.lead(items[i].json, i);
        return timedItem(this, i, {compiled, lead, warnings}, fields.timeSource(items[i].json, i, o.timeField), now, o);
      },
      {dryRun, trace: includeCandidates},
    );

    const assigned: INodeExecutionData[] = [];
    const unassigned: INodeExecutionData[] = [...failed];
    for (const {index, decision} of decisions) {
      const item = withDecision(items[index], index, field, decision, {includeCandidates, dryRun});
      (decision.ownerId === null ? unassigned : assigned).push(item);
    }
    return [assigned, inInputOrder(unassigned)];
  }
}
