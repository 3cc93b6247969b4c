import type {IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties} from 'n8n-workflow';

/** Apptivo DAO API: the firm's API key and access key, sent as query parameters on every call. */
export class ApptivoApi implements ICredentialType {
  name = 'apptivoApi';

  displayName = 'Apptivo API';

  icon = 'file:apptivo.svg' as const;

  documentationUrl = 'https://www.apptivo.com/api-documentation/';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: {password: true},
      default: '',
      required: true,
      description: 'Business Settings → API Access',
    },
    // The access key is a secret like the API key (lint:nodes warns about the name only).
    {
      displayName: 'Access Key',
      name: 'accessKey',
      type: 'string',
      typeOptions: {password: true},
      default: '',
      required: true,
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api2.apptivo.com',
      description: 'Used by the credential test',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {qs: {apiKey: '={{$credentials.apiKey}}', accessKey: '={{$credentials.accessKey}}'}},
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl}}',
      url: '/app/dao/v6/leads',
      qs: {a: 'getAll', startIndex: 0, numRecords: 1},
    },
  };
}
