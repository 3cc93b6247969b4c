import type {IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties} from 'n8n-workflow';

/** LionDesk API v2: an access token sent as a Bearer token (https://developers.liondesk.com). */
export class LionDeskApi implements ICredentialType {
  name = 'lionDeskApi';

  displayName = 'LionDesk API';

  icon = 'file:lionDesk.svg' as const;

  documentationUrl = 'https://developers.liondesk.com/docs/endpoints/contacts';

  properties: INodeProperties[] = [
    {
      displayName: 'Access Token',
      name: 'accessToken',
      type: 'string',
      typeOptions: {password: true},
      default: '',
      required: true,
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api-v2.liondesk.com',
      description: 'Used by the credential test',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {headers: {Authorization: '=Bearer {{$credentials.accessToken}}'}},
  };

  test: ICredentialTestRequest = {request: {baseURL: '={{$credentials.baseUrl}}', url: '/contacts', qs: {$limit: 1}}};
}
