import {VersionedNodeType, type INodeTypeBaseDescription, type IVersionedNodeType} from 'n8n-workflow';
import {RouteLeadV1} from './V1/RouteLeadV1';

export class RouteLead extends VersionedNodeType {
  constructor() {
    const baseDescription: INodeTypeBaseDescription = {
      displayName: 'Route Lead',
      name: 'routeLead',
      icon: {light: 'file:routeLead.svg', dark: 'file:routeLead.dark.svg'},
      group: ['transform'],
      subtitle: '={{$parameter["configSource"] === "json" ? "JSON config" : "Rules in node"}}',
      description:
        'Assign a lead to a sales rep by territory, availability, capacity and fair rotation, with the reason',
      defaultVersion: 1,
      usableAsTool: true,
    };
    const nodeVersions: IVersionedNodeType['nodeVersions'] = {
      1: new RouteLeadV1(baseDescription),
    };
    super(nodeVersions, baseDescription);
  }
}
