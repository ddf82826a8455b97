import type { RequestScenario } from './types';

const LABEL = { id: 5, title: 'vip', description: 'Important', color: '#f5a623', show_on_sidebar: true };
const LABEL_DATA = { id: '5', title: 'vip', description: 'Important', color: '#f5a623', showOnSidebar: true };

export const labelScenarios: RequestScenario[] = [
  {
    field: 'Account.labels',
    document: '{ account(id: 3) { labels { id title description color showOnSidebar } } }',
    reply: { body: { payload: [LABEL] } },
    request: { method: 'GET', path: '/api/v1/accounts/3/labels' },
    data: { account: { labels: [LABEL_DATA] } },
  },
  {
    field: 'Account.label',
    document: '{ account(id: 3) { label(id: 5) { id title } } }',
    reply: { body: LABEL },
    request: { method: 'GET', path: '/api/v1/accounts/3/labels/5' },
    data: { account: { label: { id: '5', title: 'vip' } } },
  },
  {
    field: 'Mutation.createLabel',
    document: 'mutation { createLabel(accountId: 3, input: { title: "vip", description: "Important", color: "#f5a623", showOnSidebar: true }) { id title } }',
    reply: { body: LABEL },
    request: { method: 'POST', path: '/api/v1/accounts/3/labels', body: { title: 'vip', description: 'Important', color: '#f5a623', show_on_sidebar: true } },
    data: { createLabel: { id: '5', title: 'vip' } },
  },
  {
    field: 'Mutation.updateLabel',
    document: 'mutation { updateLabel(accountId: 3, id: 5, input: { description: "Top customers", showOnSidebar: false }) { id showOnSidebar } }',
    reply: { body: { ...LABEL, description: "Top customers", show_on_sidebar: false } },
    request: { method: 'PATCH', path: '/api/v1/accounts/3/labels/5', body: { description: "Top customers", show_on_sidebar: false } },
    data: { updateLabel: { id: '5', showOnSidebar: false } },
  },
  {
    field: 'Mutation.deleteLabel',
    document: 'mutation { deleteLabel(accountId: 3, id: 5) { id deleted } }',
    reply: { body: '' },
    request: { method: 'DELETE', path: '/api/v1/accounts/3/labels/5' },
    data: { deleteLabel: { id: '5', deleted: true } },
  },
];
