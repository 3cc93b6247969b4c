import type {IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties} from 'n8n-workflow';

/** Zendesk Sell (formerly Base) REST API v2: a personal access token sent as a Bearer token. */
export class ZendeskSellApi implements ICredentialType {
  name = 'zendeskSellApi';

  displayName = 'Zendesk Sell API';

  icon = 'file:zendeskSell.svg' as const;

  documentationUrl = 'https://developer.zendesk.com/api-reference/sales-crm/introduction/';

  properties: INodeProperties[] = [
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: {password: true},
      default: '',
      required: true,
      description: 'Settings → Integrations → OAuth → Access Tokens',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.getbase.com',
      description: 'Used by the credential test',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {headers: {Authorization: '=Bearer {{$credentials.accessToken}}', Accept: 'application/json'}},
  };

  test: ICredentialTestRequest = {request: {baseURL: '={{$credentials.baseUrl}}', url: '/v2/users/self'}};
}
