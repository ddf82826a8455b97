import type { RequestScenario } from './types';

const QUERY = { payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null }] };
const FILTER = { id: 13, name: 'Open ones', filter_type: 'conversation', query: QUERY, created_at: '2026-02-01T10:00:00.000Z', updated_at: '2026-02-01T11:00:00.000Z' };

export const customFilterScenarios: RequestScenario[] = [
  {
    field: 'Account.customFilters',
    document: '{ account(id: 3) { customFilters { id name type query createdAt updatedAt } } }',
    reply: { body: [FILTER] },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_filters', query: '?filter_type=conversation' },
    data: { account: { customFilters: [{ id: '13', name: 'Open ones', type: 'CONVERSATION', query: QUERY, createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T11:00:00.000Z' }] } },
  },
  {
    field: 'Account.customFilters',
    document: '{ account(id: 3) { customFilters(type: CONTACT) { id } } }',
    reply: { body: [] },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_filters', query: '?filter_type=contact' },
    data: { account: { customFilters: [] } },
  },
  {
    field: 'Account.customFilter',
    document: '{ account(id: 3) { customFilter(id: 13) { id name } } }',
    reply: { body: FILTER },
    request: { method: 'GET', path: '/api/v1/accounts/3/custom_filters/13' },
    data: { account: { customFilter: { id: '13', name: 'Open ones' } } },
  },
  {
    field: 'Mutation.createCustomFilter',
    document: 'mutation($query: JSONObject!) { createCustomFilter(accountId: 3, input: { name: "Open ones", type: CONVERSATION, query: $query }) { id type } }',
    variables: { query: QUERY },
    reply: { body: FILTER },
    request: { method: 'POST', path: '/api/v1/accounts/3/custom_filters', body: { name: 'Open ones', filter_type: 'conversation', query: QUERY } },
    data: { createCustomFilter: { id: '13', type: 'CONVERSATION' } },
  },
  {
    field: 'Mutation.updateCustomFilter',
    document: 'mutation { updateCustomFilter(accountId: 3, id: 13, input: { name: "Still open" }) { id name } }',
    reply: { body: { ...FILTER, name: 'Still open' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/custom_filters/13', body: { name: 'Still open' } },
    data: { updateCustomFilter: { id: '13', name: 'Still open' } },
  },
  {
    field: 'Mutation.deleteCustomFilter',
    document: 'mutation { deleteCustomFilter(accountId: 3, id: 13) { id deleted } }',
    reply: { status: 204 },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/custom_filters/13' },
    data: { deleteCustomFilter: { id: '13', deleted: true } },
  },
];
