import {VersionedNodeType, type INodeTypeBaseDescription, type IVersionedNodeType} from 'n8n-workflow';
import {RoundRobinV1} from './V1/RoundRobinV1';

export class RoundRobin extends VersionedNodeType {
  constructor() {
    const baseDescription: INodeTypeBaseDescription = {
      displayName: 'Round Robin',
      name: 'roundRobin',
      icon: {light: 'file:roundRobin.svg', dark: 'file:roundRobin.dark.svg'},
      group: ['transform'],
      subtitle: '={{$parameter["operation"] + ": " + $parameter["strategy"]}}',
      description:
        'Rotate items over a list of assignees: round robin, weighted, least loaded or longest idle, with availability and caps',
      defaultVersion: 1,
      usableAsTool: true,
    };
    const nodeVersions: IVersionedNodeType['nodeVersions'] = {
      1: new RoundRobinV1(baseDescription),
    };
    super(nodeVersions, baseDescription);
  }
}
