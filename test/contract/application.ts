import spec from './chatwoot.openapi.json';
import { createSpecChecker, type SpecErrata } from './specChecker';

/**
 * The Application and Platform APIs' contract: Chatwoot's complete document (a facts-only copy made by
 * scripts/extract-chatwoot-spec.mjs), with the errata below. Each says where the document is wrong about what
 * Chatwoot's source does, and what the gateway sends instead; the numbers are those of the design's errata list.
 */
const AUTOMATION_RULE_BODY = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    event_name: { enum: ['conversation_created', 'conversation_updated', 'conversation_opened', 'conversation_resolved', 'message_created'] },
    active: { type: 'boolean' },
    actions: { type: 'array', items: { type: 'object' } },
    conditions: { type: 'array', items: { type: 'object' } },
  },
  additionalProperties: false,
};
const WEBHOOK_EVENTS = [
  'conversation_created', 'conversation_status_changed', 'conversation_updated', 'contact_created', 'contact_updated', 'message_created',
  'message_updated', 'webwidget_triggered', 'inbox_created', 'inbox_updated', 'conversation_typing_on', 'conversation_typing_off',
];
const WEBHOOK_BODY = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    name: { type: 'string' },
    subscriptions: { type: 'array', items: { enum: WEBHOOK_EVENTS } },
    inbox_id: { type: ['integer', 'null'] },
  },
  additionalProperties: false,
};
const UNIX_SECONDS = { type: 'string', pattern: '^[0-9]+$' };
const UNIX_RANGE = { since: UNIX_SECONDS, until: UNIX_SECONDS };
const BOOLEAN_WORD = { enum: ['true', 'false'] };
const INBOX_MEMBERS = {
  type: 'object',
  required: ['inbox_id', 'user_ids'],
  properties: { inbox_id: { type: 'integer' }, user_ids: { type: 'array', items: { type: 'integer' } } },
};

export const APPLICATION_ERRATA: SpecErrata = {
  requestBodies: {
    // E32: removing an account user takes the user's id in the body; the document gives the DELETE no body at all.
    'delete-an-account-user': {
      type: 'object',
      required: ['user_id'],
      properties: { user_id: { type: 'integer' } },
      additionalProperties: false,
    },
    // E11: the custom filter's kind is `filter_type`, not `type` (the controller permits filter_type only).
    'create-a-custom-filter': {
      type: 'object',
      properties: { name: { type: 'string' }, filter_type: { enum: ['conversation', 'contact', 'report'] }, query: { type: 'object' } },
      additionalProperties: false,
    },
    'update-a-custom-filter': {
      type: 'object',
      properties: { name: { type: 'string' }, filter_type: { enum: ['conversation', 'contact', 'report'] }, query: { type: 'object' } },
      additionalProperties: false,
    },
    // E19: every field of an agent update is optional, and `name` is permitted too.
    'update-agent-in-account': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        role: { enum: ['agent', 'administrator'] },
        availability: { enum: ['online', 'busy', 'offline'] },
        auto_offline: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    // E14 (request part): the event enum lacks conversation_opened, which the model allows.
    'add-new-automation-rule-to-account': AUTOMATION_RULE_BODY,
    'update-automation-rule-in-account': AUTOMATION_RULE_BODY,
    // E13 (request part): subscriptions lack inbox_created and inbox_updated, and inbox_id (an inbox-scoped webhook)
    // is permitted though undocumented.
    'create-a-webhook': WEBHOOK_BODY,
    'update-a-webhook': WEBHOOK_BODY,
    // Not in the design's list: a hook's app_id is the app's name (`slack`, `dialogflow`), a string, not an integer.
    'create-an-integration-hook': {
      type: 'object',
      properties: { app_id: { type: 'string' }, inbox_id: { type: 'integer' }, status: { enum: [0, 1] }, settings: { type: 'object' } },
      required: ['app_id'],
      additionalProperties: false,
    },
    // E16: `agent_bot: null` takes the inbox's bot away (the controller reads a blank id as "none").
    updateAgentBot: { type: 'object', required: ['agent_bot'], properties: { agent_bot: { type: ['integer', 'null'] } }, additionalProperties: false },
    // Not in the design's list: the document types inbox_id as an integer on POST and a string on PATCH and DELETE;
    // Rails reads both alike, and the gateway sends the integer on all three.
    'update-agents-in-inbox': INBOX_MEMBERS,
    'delete-agent-in-inbox': INBOX_MEMBERS,
  },
  extraQueryParameters: {
    // E12: attribute_model is optional (all models when left out) and there is a third model, company_attribute.
    'get-account-custom-attribute': { attribute_model: { enum: ['conversation_attribute', 'contact_attribute', 'company_attribute', '0', '1', '2'] } },
    // E28: canned responses take a search term.
    'get-account-canned-response': { search: { type: 'string' } },
    // E35: reports read `since`/`until` as Unix seconds (digits), and take undocumented business_hours and
    // timezone_offset. A boolean travels in a query string as the word true or false.
    'list-all-conversation-statistics': { ...UNIX_RANGE, business_hours: BOOLEAN_WORD, timezone_offset: { type: 'number' } },
    'list-all-conversation-statistics-summary': { ...UNIX_RANGE, business_hours: BOOLEAN_WORD },
    'get-agent-summary-report': { ...UNIX_RANGE, business_hours: BOOLEAN_WORD },
    'get-inbox-summary-report': { ...UNIX_RANGE, business_hours: BOOLEAN_WORD },
    'get-team-summary-report': { ...UNIX_RANGE, business_hours: BOOLEAN_WORD },
    'get-channel-summary-report': UNIX_RANGE,
    'get-first-response-time-distribution': UNIX_RANGE,
    'get-outgoing-messages-count': UNIX_RANGE,
    // E35, and the documented arrays as Rails reads them: one `inbox_ids[]=` pair per id.
    'get-inbox-label-matrix': { ...UNIX_RANGE, 'inbox_ids[]': { type: 'integer' }, 'label_ids[]': { type: 'integer' } },
    // E34: reporting events take the same Unix-second range.
    'get-account-reporting-events': UNIX_RANGE,
    // E2: `/reports/conversations` and `/reports/conversations/` are one Rails route, told apart only by `type`. The
    // matcher keeps the two documented paths apart (the gateway sends each operation's own spelling), and the
    // documented `type` enums (`account` on one, `agent` on the other) check that each path carries its own type.
    // E15: every `{id}` of /portals/{id}/... is the portal's slug (Rails looks it up with find_by(slug:)); the
    // document types it as a string, so slugs validate as they are. Its answer shapes (bare portal on update, category
    // and article under payload) are read by the decoders of src/chatwoot/operations/application/helpCenter.ts.
    // E13 and E14 (answer parts): the webhook and automation-rule wrappers are likewise the decoders' business.
    // E33: audit logs take only `page`, as documented; their errata are in the answers (administrators only, 401,
    // and an empty list while the feature is off), which the simulator's tests cover.
  },
};

/** Trailing slashes are one route in Rails (E2): the matcher reads them as the path without the slash. */
const checker = createSpecChecker('chatwoot-api', spec, spec.components, APPLICATION_ERRATA);
export const { requestProblems, responseProblems, matchOperation } = checker;
