import { ALL_OPERATIONS } from '../../src/graphql/operations';
import spec from './chatwoot.openapi.json';
import seed from './seed-operations.json';

/**
 * Every operation of Chatwoot's official document is served by a field of the graph, or is listed below as not yet
 * served, by group. A group named in FINISHED_GROUPS must have no gap. The seed document's spellings (trailing
 * slashes, a portal path without its id, a misspelt operationId) are aliases of official operations.
 */

/** Official operations not served yet, by inventory group. */
const NOT_YET: Record<string, readonly string[]> = {
  'A08 Contacts': [
    'contactList',
    'contactCreate',
    'contactDetails',
    'contactUpdate',
    'contactDelete',
    'contactConversations',
    'list-all-labels-of-a-contact',
    'contact-add-labels',
    'contactSearch',
    'contactFilter',
    'contactInboxCreation',
    'contactableInboxesGet',
    'contactMerge',
  ],
  'A10 Conversations': [
    'conversationListMeta',
    'conversationList',
    'newConversation',
    'conversationFilter',
    'get-details-of-a-conversation',
    'update-conversation',
    'toggle-status-of-a-conversation',
    'toggle-priority-of-a-conversation',
    'toggle-typing-status-of-a-conversation',
    'update-custom-attributes-of-a-conversation',
    'destroy-custom-attributes-of-a-conversation',
    'assign-a-conversation',
    'list-all-labels-of-a-conversation',
    'conversation-add-labels',
    'get-conversation-reporting-events',
  ],
  'A11 Messages': [
    'list-all-messages',
    'create-a-new-message-in-a-conversation',
    'delete-a-message',
  ],
};

/** Groups of the inventory that are complete: none of their operations may be in NOT_YET. */
const FINISHED_GROUPS = [
  'A01 Account',
  'A02 Profile',
  'A12 Labels',
  'C1 Client API',
  'C2 CSAT survey page',
  'P1 Platform accounts',
  'P2 Platform account users',
  'P3 Platform agent bots',
  'P4 Platform users',
];
FINISHED_GROUPS.push('A03 Audit logs', 'A15 Automation rules', 'A16 Webhooks', 'A17 Integrations', 'A18 Help center', 'A19 Reports');
FINISHED_GROUPS.push('A04 Agents', 'A05 Teams', 'A06 Inboxes', 'A07 Account agent bots', 'A09 Custom attributes', 'A13 Canned responses', 'A14 Custom filters');

/**
 * The document's orphan (erratum E1): a second description of list-all-messages without the /api/v1 prefix. No such
 * route exists; the field that lists a conversation's messages serves both.
 */
const ORPHANS: Record<string, string> = { getConversationMessages: 'list-all-messages' };

/** Seed operationIds that differ from the official spelling. */
const SEED_ALIASES: Record<string, string> = {
  'update-new-portal-to-account': 'update-portal-to-account',
  'list-all-converation-messages': 'list-all-conversation-messages',
};

/** Which inventory group an official operation belongs to, by its path. */
function groupOf(method: string, path: string): string {
  const rules: [RegExp, string][] = [
    [/^\/public\//, 'C1 Client API'],
    [/^\/survey\//, 'C2 CSAT survey page'],
    [/^\/platform\/api\/v1\/accounts\/\{account_id\}\/account_users/, 'P2 Platform account users'],
    [/^\/platform\/api\/v1\/accounts/, 'P1 Platform accounts'],
    [/^\/platform\/api\/v1\/agent_bots/, 'P3 Platform agent bots'],
    [/^\/platform\/api\/v1\/users/, 'P4 Platform users'],
    [/^\/api\/v1\/profile/, 'A02 Profile'],
    [/^\/api\/v2\//, 'A19 Reports'],
    [/^\/api\/v1\/accounts\/\{account_id\}\/reporting_events$/, 'A19 Reports'],
    [/\/audit_logs/, 'A03 Audit logs'],
    [/\/agents/, 'A04 Agents'],
    [/\/teams/, 'A05 Teams'],
    [/\/(inboxes|inbox_members|branded_email_layout)/, 'A06 Inboxes'],
    [/\/agent_bots/, 'A07 Account agent bots'],
    [/\/(contacts|actions\/contact_merge)/, 'A08 Contacts'],
    [/\/custom_attribute_definitions/, 'A09 Custom attributes'],
    [/\/conversations\/\{conversation_id\}\/messages/, 'A11 Messages'],
    [/\/conversations/, 'A10 Conversations'],
    [/\/labels/, 'A12 Labels'],
    [/\/canned_responses/, 'A13 Canned responses'],
    [/\/custom_filters/, 'A14 Custom filters'],
    [/\/automation_rules/, 'A15 Automation rules'],
    [/\/webhooks/, 'A16 Webhooks'],
    [/\/integrations/, 'A17 Integrations'],
    [/\/portals/, 'A18 Help center'],
    [/\/(reporting_events|reports|summary_reports)/, 'A19 Reports'],
    [/^\/api\/v1\/accounts\/\{account_id\}$/, 'A01 Account'],
  ];
  const rule = rules.find(([pattern]) => pattern.test(path));
  if (!rule) throw new Error(`no inventory group for ${method} ${path}`);
  return rule[1];
}

interface OfficialOperation {
  method: string;
  path: string;
  operationId: string;
  group: string;
}

function officialOperations(): OfficialOperation[] {
  const out: OfficialOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, { operationId?: string }>>)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const operationId = item[method]?.operationId;
      if (operationId) out.push({ method: method.toUpperCase(), path, operationId, group: groupOf(method, path) });
    }
  }
  return out;
}

const served = new Map(ALL_OPERATIONS.map((entry) => [entry.operationId, entry]));

describe('coverage of the official OpenAPI document', () => {
  const official = officialOperations();

  it('reads all 147 operations of the official document', () => {
    expect(official).toHaveLength(147);
  });

  it('maps every official operation to a field, the orphan to its twin, or to "not yet" in its group', () => {
    const unmapped = official.filter((op) => {
      const id = ORPHANS[op.operationId] ?? op.operationId;
      return !served.has(id) && !(NOT_YET[op.group] ?? []).includes(id);
    });
    expect(unmapped.map((op) => `${op.group}: ${op.method} ${op.path} ${op.operationId}`)).toEqual([]);
  });

  it('names only official operations as served or not yet, with the method and path the document gives', () => {
    const byId = new Map(official.map((op) => [op.operationId, op]));
    for (const entry of ALL_OPERATIONS) {
      const documented = byId.get(entry.operationId);
      expect({ field: entry.field, documented: documented ? `${documented.method} ${documented.path}` : null }).toEqual({
        field: entry.field,
        documented: `${entry.method} ${entry.path}`,
      });
    }
    for (const ids of Object.values(NOT_YET)) {
      for (const id of ids) expect({ id, official: byId.has(id), alsoServed: served.has(id) }).toEqual({ id, official: true, alsoServed: false });
    }
  });

  it('leaves no gap in a finished group', () => {
    for (const group of FINISHED_GROUPS) expect({ group, notYet: NOT_YET[group] ?? [] }).toEqual({ group, notYet: [] });
  });

  it('maps every seed operation, by its own spelling, to an official one', () => {
    const officialIds = new Set(official.map((op) => op.operationId));
    // Seed paths may end in a slash and name their placeholders differently ({portal_id} for {id}).
    const normalise = (path: string) => path.replace(/\/$/, '').replace(/\{[a-z_]+\}/g, '{}');
    const officialRoutes = new Set(official.map((op) => `${op.method} ${normalise(op.path)}`));
    for (const [method, path, operationId] of seed.operations as [string, string, string][]) {
      const id = SEED_ALIASES[operationId] ?? operationId;
      expect({ operationId, official: officialIds.has(id) }).toEqual({ operationId, official: true });
      // The seed's trailing slashes and its portal path without an id are spellings of official routes.
      const route = `${method} ${normalise(path)}`;
      const known = officialRoutes.has(route) || id === 'update-portal-to-account';
      expect({ route, known }).toEqual({ route, known: true });
    }
  });

  it('sends the caller token on every Application field and no caller token on Client fields', () => {
    for (const entry of ALL_OPERATIONS) {
      const expected = entry.api === 'APPLICATION' ? 'CALLER' : entry.api === 'PLATFORM' ? 'PLATFORM' : 'NONE';
      expect({ field: entry.field, credential: entry.credential }).toEqual({ field: entry.field, credential: expected });
    }
  });
});
