import type { RequestScenario } from './types';

const DEFINITION = {
  id: 11, attribute_display_name: 'Plan', attribute_display_type: 'list', attribute_description: 'Subscription plan',
  attribute_key: 'plan', regex_pattern: null, regex_cue: null, attribute_values: ['free', 'pro'], attribute_model: 'contact_attribute',
  default_value: null, created_at: '2026-02-01T10:00:00.000Z', updated_at: '2026-02-02T10:00:00.000Z', account_id: 3,
};

export const customAttributeScenarios: RequestScenario[] = [
  {
    field: 'Account.customAttributeDefinitions',
    document: '{ account(id: 3) { customAttributeDefinitions(model: CONTACT) { id displayName key description displayType model values createdAt updatedAt } } }',
    reply: { body: [DEFINITION] },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_attribute_definitions', query: '?attribute_model=contact_attribute' },
    data: {
      account: {
        customAttributeDefinitions: [
          { id: '11', displayName: 'Plan', key: 'plan', description: 'Subscription plan', displayType: 'LIST', model: 'CONTACT', values: ['free', 'pro'], createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-02T10:00:00.000Z' },
        ],
      },
    },
  },
  {
    field: 'Account.customAttributeDefinitions',
    document: '{ account(id: 3) { customAttributeDefinitions { id } } }',
    reply: { body: [DEFINITION] },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_attribute_definitions' },
    data: { account: { customAttributeDefinitions: [{ id: '11' }] } },
  },
  {
    field: 'Account.customAttributeDefinition',
    document: '{ account(id: 3) { customAttributeDefinition(id: 11) { id key } } }',
    reply: { body: DEFINITION },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_attribute_definitions/11' },
    data: { account: { customAttributeDefinition: { id: '11', key: 'plan' } } },
  },
  {
    field: 'Mutation.createCustomAttributeDefinition',
    document: 'mutation { createCustomAttributeDefinition(accountId: 3, input: { displayName: "Plan", key: "plan", displayType: LIST, model: CONTACT, values: ["free", "pro"], description: "Subscription plan" }) { id model displayType } }',
    reply: { body: DEFINITION },
    request: {
      method: 'POST',
      path: '/api/v1/accounts/3/custom_attribute_definitions',
      body: { attribute_display_name: 'Plan', attribute_key: 'plan', attribute_values: ['free', 'pro'], attribute_description: 'Subscription plan', attribute_display_type: 6, attribute_model: 1 },
    },
    data: { createCustomAttributeDefinition: { id: '11', model: 'CONTACT', displayType: 'LIST' } },
  },
  {
    field: 'Mutation.updateCustomAttributeDefinition',
    document: 'mutation { updateCustomAttributeDefinition(accountId: 3, id: 11, input: { regexPattern: "^[a-z]+$", regexCue: "lower case" }) { id regexPattern regexCue } }',
    reply: { body: { ...DEFINITION, regex_pattern: '^[a-z]+$', regex_cue: 'lower case' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/custom_attribute_definitions/11', body: { regex_pattern: '^[a-z]+$', regex_cue: 'lower case' } },
    data: { updateCustomAttributeDefinition: { id: '11', regexPattern: '^[a-z]+$', regexCue: 'lower case' } },
  },
  {
    field: 'Mutation.deleteCustomAttributeDefinition',
    document: 'mutation { deleteCustomAttributeDefinition(accountId: 3, id: 11) { id deleted } }',
    reply: { status: 204 },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/custom_attribute_definitions/11' },
    data: { deleteCustomAttributeDefinition: { id: '11', deleted: true } },
  },
];
