import {
  NodeConnectionTypes,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeBaseDescription,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {emptyState} from '../../../shared';
import {timedItem, type TimeOptions} from '../../shared/itemTime';
import {compileCached, configWarnings} from '../../shared/configFromParameters';
import {ONCE_PER_EXECUTION, sameForEveryItem} from '../../shared/sameForEveryItem';
import {LeadFieldExpressions} from '../../shared/fieldExpressions';
import {createStateStore} from '../../shared/createStateStore';
import {
  dryRunOption,
  includeCandidatesOption,
  liveAvailabilityProperty,
  outputFieldOption,
  redisCredentials,
  repFields,
  stateStoreProperties,
  strategyOptions,
  timeFieldOption,
  timeZoneOption,
  dateOrderOption,
} from '../../shared/descriptions';
import {inInputOrder, withDecision, withField} from '../../shared/output';
import {stateStoreMethods} from '../../shared/stateStoreMethods';
import {routeItems} from '../../shared/routeItems';
import {liveAvailabilityOnce} from '../../shared/liveAvailability';
import {dedupeKeyOf, rotationConfig, rotationLead} from './rotationConfig';
import {releaseItems} from './release';

interface Options extends TimeOptions {
  dryRun?: boolean;
  includeCandidates?: boolean;
  outputField?: string;
}

const assign = {show: {operation: ['assign']}};
/** Parameters that name the assignees and a lead's identity: routing and releasing read them alike. */
const assignOrRelease = {show: {operation: ['assign', 'release']}};

export class RoundRobinV1 implements INodeType {
  description: INodeTypeDescription;

  methods = stateStoreMethods;

  constructor(baseDescription: INodeTypeBaseDescription) {
    this.description = {
      ...baseDescription,
      version: 1,
      defaults: {name: 'Round Robin'},
      usableAsTool: true,
      inputs: [NodeConnectionTypes.Main],
      outputs: [NodeConnectionTypes.Main],
      credentials: redisCredentials,
      properties: [
        {
          displayName: 'Operation',
          name: 'operation',
          type: 'options',
          noDataExpression: true,
          options: [
            {
              name: 'Assign',
              value: 'assign',
              action: 'Assign each item to the next assignee',
              description: 'Give each item the next assignee',
            },
            {
              name: 'Release Assignment',
              value: 'release',
              action: 'Release an assignment',
              description:
                "Forget that the ledger assigned each item (rep declined, lead reassigned by hand): the holder's counts are credited back",
            },
            {
              name: 'Show Rotation',
              value: 'show',
              action: 'Show the rotation state',
              description: 'Output the rotation state (cursors and counters)',
            },
            {
              name: 'Reset Rotation',
              value: 'reset',
              action: 'Reset the rotation state',
              description: 'Forget cursors, counters and dedupe memory',
            },
          ],
          default: 'assign',
        },
        {
          displayName: 'Assignees From',
          name: 'assigneesSource',
          type: 'options',
          noDataExpression: true,
          displayOptions: assignOrRelease,
          options: [
            {name: 'List in This Node', value: 'list'},
            {
              name: 'JSON',
              value: 'json',
              description: 'An array of names or of rows (Name, Email, Available, Weight, …), e.g. by expression',
            },
            {
              name: 'Field of the Item',
              value: 'field',
              description: 'An array in each incoming item, such as a roster',
            },
          ],
          default: 'list',
        },
        {
          displayName: 'Assignees',
          name: 'assignees',
          type: 'fixedCollection',
          typeOptions: {multipleValues: true, sortable: true},
          placeholder: 'Add Assignee',
          default: {},
          displayOptions: {show: {operation: ['assign', 'release'], assigneesSource: ['list']}},
          options: [
            {
              displayName: 'Assignee',
              name: 'assignee',
              values: repFields('Assignee ID').filter(p => p.name !== 'skills'),
            },
          ],
        },
        {
          displayName: 'Assignees (JSON)',
          name: 'assigneesJson',
          type: 'json',
          default: '[]',
          displayOptions: {show: {operation: ['assign', 'release'], assigneesSource: ['json']}},
        },
        {
          displayName: 'Assignees Field',
          name: 'assigneesField',
          type: 'string',
          default: 'assignees',
          displayOptions: {show: {operation: ['assign', 'release'], assigneesSource: ['field']}},
          description: 'Dot path of the array in the item',
        },
        {
          displayName: 'Strategy',
          name: 'strategy',
          type: 'options',
          options: strategyOptions,
          default: 'round_robin',
          displayOptions: assign,
        },
        {
          displayName: 'Dedupe Key',
          name: 'dedupeKey',
          type: 'string',
          default: '',
          displayOptions: assignOrRelease,
          placeholder: '={{ $json.email }}',
          description:
            'Items with a key seen within the window get the same assignee again (Release Assignment finds a lead without an ID by it); empty means no dedupe',
        },
        {
          displayName: 'Dedupe Window (Hours)',
          name: 'dedupeWindowHours',
          type: 'number',
          default: 720,
          displayOptions: assignOrRelease,
        },
        {...liveAvailabilityProperty, displayOptions: assign},
        ...stateStoreProperties,
        {
          displayName: 'Options',
          name: 'options',
          type: 'collection',
          placeholder: 'Add option',
          default: {},
          displayOptions: assign,
          options: [
            dryRunOption,
            includeCandidatesOption,
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
    const operation = this.getNodeParameter('operation', 0, 'assign') as string;
    if (operation === 'release') return [await releaseItems(this, items)];
    if (operation === 'show' || operation === 'reset') {
      const store = await createStateStore(this);
      if (operation === 'reset') await store.reset();
      const state = (await store.read()) ?? emptyState();
      const rotation: IDataObject = {
        operation,
        pools: state.pools as unknown as IDataObject,
        reps: state.reps as unknown as IDataObject,
        dedupeKeys: Object.keys(state.dedupe).length,
      };
      return [items.map((item, i) => withField(item, i, 'rotation', rotation))];
    }

    const now = Date.now();
    const fields = LeadFieldExpressions.of(this);
    const options = sameForEveryItem(this, i => this.getNodeParameter('options', i, {}) as Options, [
      ...ONCE_PER_EXECUTION,
      ...fields.paths,
    ]);
    // (assignees read from a field of each item differ by item even without expressions)
    const fromItems = this.getNodeParameter('assigneesSource', 0, 'list') === 'field';
    const live = liveAvailabilityOnce(this);
    const perItemConfig = (i: number) => {
      const raw = rotationConfig(this, i, items[i].json);
      return {compiled: compileCached(live(raw)), warnings: configWarnings(raw)};
    };
    const config = fromItems ? perItemConfig : sameForEveryItem(this, perItemConfig);
    const dedupeKey = sameForEveryItem(this, i => dedupeKeyOf(this, i));
    const first = items.length ? options(0) : {};
    const includeCandidates = first.includeCandidates === true;
    const field = (first.outputField ?? '').trim() || 'routing';
    const {decisions, failed} = await routeItems(
      this,
      items,
      i => {
        const {compiled, warnings} = config(i);
        const o = options(i);
        const lead = rotationLead(dedupeKey(i), items[i].json);
        return timedItem(this, i, {compiled, lead, warnings}, fields.timeSource(items[i].json, i, o.timeField), now, o);
      },
      {dryRun: first.dryRun === true, trace: includeCandidates},
    );
    const opts = {includeCandidates, dryRun: first.dryRun === true};
    const out = decisions.map(({index, decision}) => withDecision(items[index], index, field, decision, opts));
    return [inInputOrder([...failed, ...out])];
  }
}
