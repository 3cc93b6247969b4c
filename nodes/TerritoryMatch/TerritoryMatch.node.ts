import {VersionedNodeType, type INodeTypeBaseDescription, type IVersionedNodeType} from 'n8n-workflow';
import {TerritoryMatchV1} from './V1/TerritoryMatchV1';

export class TerritoryMatch extends VersionedNodeType {
  constructor() {
    const baseDescription: INodeTypeBaseDescription = {
      displayName: 'Territory Match',
      name: 'territoryMatch',
      icon: {light: 'file:territoryMatch.svg', dark: 'file:territoryMatch.dark.svg'},
      group: ['transform'],
      subtitle: '={{$parameter["configSource"] === "json" ? "JSON config" : "Rules in node"}}',
      description: 'Score a lead against sales territories and branch on the best match, without assigning an owner',
      defaultVersion: 1,
      usableAsTool: true,
    };
    const nodeVersions: IVersionedNodeType['nodeVersions'] = {
      1: new TerritoryMatchV1(baseDescription),
    };
    super(nodeVersions, baseDescription);
  }
}
