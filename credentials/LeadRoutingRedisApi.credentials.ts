import type {ICredentialType, INodeProperties} from 'n8n-workflow';

/**
 * Shared rotation state for n8n in queue mode (several workers): every worker reads and commits the
 * same Redis keys, so assignments stay fair across processes. Used by Route Lead and Round Robin
 * when their "State Store" is "Redis".
 */
export class LeadRoutingRedisApi implements ICredentialType {
  name = 'leadRoutingRedisApi';

  displayName = 'Lead Routing Redis API';

  documentationUrl =
    'https://github.com/n8n-nodes-lead-routing/n8n-nodes-lead-routing/blob/main/docs/scaling-out.md#credential-lead-routing-redis-api';

  icon = {light: 'file:leadRoutingRedis.svg', dark: 'file:leadRoutingRedis.dark.svg'} as const;

  properties: INodeProperties[] = [
    {displayName: 'Host', name: 'host', type: 'string', default: 'localhost'},
    {displayName: 'Port', name: 'port', type: 'number', default: 6379},
    {
      displayName: 'User',
      name: 'user',
      type: 'string',
      default: '',
      description: 'Redis 6+ ACL user name; leave empty for the default user',
    },
    {displayName: 'Password', name: 'password', type: 'string', typeOptions: {password: true}, default: ''},
    {displayName: 'Database Number', name: 'database', type: 'number', default: 0},
    {displayName: 'SSL/TLS', name: 'tls', type: 'boolean', default: false},
    {
      displayName: 'Key Prefix',
      name: 'keyPrefix',
      type: 'string',
      default: 'lead-routing:',
      description: 'Prefix of every key this package writes, so several n8n instances can share one Redis',
    },
    {
      displayName: 'Pseudonym Key',
      name: 'pseudonymSecret',
      type: 'string',
      typeOptions: {password: true},
      default: '',
      description:
        'Secret under which dedupe keys and learned e-mail domains are hashed in Redis. Set the same key on every n8n that shares a ledger. Empty: this n8n’s instance ID. Changing it starts dedupe over.',
    },
  ];
}
