import { schemaDefs } from '../../../shared/scim/attributes';
import { MAX_PAGE_SIZE, SCHEMA } from '../../../shared/scim/constants';

/** /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7643 §5–7): what really works here. */
export function discoveryDocuments(baseUrl: string, maxPayloadSize: number) {
  const meta = (resourceType: string, location: string) => ({
    resourceType,
    location: `${baseUrl}${location}`,
  });
  const serviceProviderConfig = {
    schemas: [SCHEMA.serviceProviderConfig],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'An access key from the console, sent as "Authorization: Bearer <key>" (the bare key is accepted too).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: meta('ServiceProviderConfig', '/ServiceProviderConfig'),
  };
  const resourceTypes = [
    {
      schemas: [SCHEMA.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: SCHEMA.user,
      schemaExtensions: [{ schema: SCHEMA.enterpriseUser, required: false }],
      meta: meta('ResourceType', '/ResourceTypes/User'),
    },
    {
      schemas: [SCHEMA.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: SCHEMA.group,
      meta: meta('ResourceType', '/ResourceTypes/Group'),
    },
  ];
  const schemas = schemaDefs.map((def) => ({
    schemas: [SCHEMA.schema],
    ...def,
    meta: meta('Schema', `/Schemas/${def.id}`),
  }));
  return { serviceProviderConfig, resourceTypes, schemas };
}
