import {
  NodeConnectionTypes,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeBaseDescription,
  type INodeTypeDescription,
} from 'n8n-workflow';
import {matchTerritories} from '../../../shared';
import {compileCached, configErrorToNodeError, rawConfig} from '../../shared/configFromParameters';
import {ONCE_PER_EXECUTION, sameForEveryItem} from '../../shared/sameForEveryItem';
import {LeadFieldExpressions} from '../../shared/fieldExpressions';
import {
  configSourcePropertiesFor,
  fieldMappingProperty,
  outputFieldOption,
  partialMinScoreProperty,
  territoriesProperty,
} from '../../shared/descriptions';
import {withError, withField} from '../../shared/output';
import {scoringConfig} from './scoringConfig';

interface Options {
  includePartial?: boolean;
  outputField?: string;
}

export class TerritoryMatchV1 implements INodeType {
  description: INodeTypeDescription;

  constructor(baseDescription: INodeTypeBaseDescription) {
    this.description = {
      ...baseDescription,
      version: 1,
      defaults: {name: 'Territory Match'},
      usableAsTool: true,
      inputs: [NodeConnectionTypes.Main],
      outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
      outputNames: ['Matched', 'Unmatched'],
      properties: [
        ...configSourcePropertiesFor('Territories and their conditions set below'),
        territoriesProperty(false),
        partialMinScoreProperty,
        fieldMappingProperty,
        {
          displayName: 'Options',
          name: 'options',
          type: 'collection',
          placeholder: 'Add option',
          default: {},
          options: [
            {
              displayName: 'Include Partial Matches',
              name: 'includePartial',
              type: 'boolean',
              default: true,
              description: 'Whether to list territories where only some conditions hold',
            },
            outputFieldOption('territoryMatch'),
          ],
        },
      ],
    };
  }

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const matched: INodeExecutionData[] = [];
    const unmatched: INodeExecutionData[] = [];
    const fields = LeadFieldExpressions.of(this);
    const skip = [...ONCE_PER_EXECUTION, ...fields.paths];
    const options = sameForEveryItem(this, i => this.getNodeParameter('options', i, {}) as Options, skip);
    const config = sameForEveryItem(this, i => compileCached(scoringConfig(fields.patch(rawConfig(this, i)))), skip);
    for (let i = 0; i < items.length; i++) {
      const o = options(i);
      const field = (o.outputField ?? '').trim() || 'territoryMatch';
      try {
        const compiled = config(i);
        const m = matchTerritories(compiled, fields.lead(items[i].json, i));
        const result: IDataObject = {
          matched: m.winner !== null,
          territoryId: m.winner?.territoryId ?? null,
          territoryName: m.winner?.territoryName ?? null,
          score: m.winner?.score ?? null,
          winner: (m.winner as unknown as IDataObject) ?? null,
          exact: m.exact as unknown as IDataObject[],
        };
        if (o.includePartial !== false) result.partial = m.partial as unknown as IDataObject[];
        (m.winner ? matched : unmatched).push(withField(items[i], i, field, result));
      } catch (error) {
        const nodeError = configErrorToNodeError(this, error, i);
        if (!this.continueOnFail()) throw nodeError;
        unmatched.push(
          withError(items[i], i, `${nodeError.message}${nodeError.description ? `\n${nodeError.description}` : ''}`),
        );
      }
    }
    return [matched, unmatched];
  }
}
