import type { RequestScenario } from './types';

const RESPONSE = { id: 12, account_id: 3, short_code: 'thanks', content: 'Thank you for writing!', created_at: '2026-02-01T10:00:00.000Z', updated_at: '2026-02-01T10:00:00.000Z' };

export const cannedResponseScenarios: RequestScenario[] = [
  {
    field: 'Account.cannedResponses',
    document: '{ account(id: 3) { cannedResponses(search: "thank") { id shortCode content createdAt updatedAt } } }',
    reply: { body: [RESPONSE] },
    request: { method: 'GET', path: '/api/v1/accounts/3/canned_responses', query: '?search=thank' },
    data: { account: { cannedResponses: [{ id: '12', shortCode: 'thanks', content: 'Thank you for writing!', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z' }] } },
  },
  {
    field: 'Mutation.createCannedResponse',
    document: 'mutation { createCannedResponse(accountId: 3, input: { shortCode: "thanks", content: "Thank you for writing!" }) { id shortCode } }',
    reply: { body: RESPONSE },
    request: { method: 'POST', path: '/api/v1/accounts/3/canned_responses', body: { short_code: 'thanks', content: 'Thank you for writing!' } },
    data: { createCannedResponse: { id: '12', shortCode: 'thanks' } },
  },
  {
    field: 'Mutation.updateCannedResponse',
    document: 'mutation { updateCannedResponse(accountId: 3, id: 12, input: { content: "Thanks!" }) { id content } }',
    reply: { body: { ...RESPONSE, content: 'Thanks!' } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/canned_responses/12', body: { content: 'Thanks!' } },
    data: { updateCannedResponse: { id: '12', content: 'Thanks!' } },
  },
  {
    field: 'Mutation.deleteCannedResponse',
    document: 'mutation { deleteCannedResponse(accountId: 3, id: 12) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/canned_responses/12' },
    data: { deleteCannedResponse: { id: '12', deleted: true } },
  },
];
