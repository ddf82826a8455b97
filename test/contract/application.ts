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

/** Chatwoot's ten filter operators (lib/filters/filter_keys.yml); the document lists four (erratum E10). */
const FILTER_OPERATORS = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'is_present', 'is_not_present', 'is_greater_than', 'is_less_than', 'days_before', 'starts_with'];
/** The contacts' sort keys, with a leading `-` for descending (erratum E29; the document lists four). */
const CONTACT_SORTS = ['email', 'name', 'phone_number', 'last_activity_at', 'created_at', 'company_name', 'city', 'country'].flatMap((key) => [key, `-${key}`]);
/** Rails reads a list from repeated `name[]=value` pairs; the document names the parameter without the brackets. */
const LABELS_ARRAY = { 'labels[]': { type: 'string' } };

/**
 * A filter request (E10): ten operators with per-attribute allow-lists; query_operator joins a condition to the NEXT
 * one, so the last carries null; custom attribute conditions say which model's attribute they test.
 */
const FILTER_BODY = {
  type: 'object',
  required: ['payload'],
  properties: {
    payload: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['attribute_key', 'filter_operator', 'values', 'query_operator'],
        properties: {
          attribute_key: { type: 'string' },
          filter_operator: { enum: FILTER_OPERATORS },
          values: { type: 'array', items: { type: 'string' } },
          query_operator: { enum: ['AND', 'OR', null] },
          custom_attribute_type: { enum: ['contact_attribute', 'conversation_attribute'] },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

export const APPLICATION_ERRATA: SpecErrata = {
  requestBodies: {
    // E10: ten operators with per-attribute allow-lists; query_operator joins a condition to the NEXT one, so the last
    // carries null; custom attribute conditions say which model's attribute they test.
    contactFilter: FILTER_BODY,
    conversationFilter: FILTER_BODY,
    // E8: inbox_id is optional (without it no contact inbox is made).
    contactCreate: {
      type: 'object',
      properties: {
        inbox_id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' }, phone_number: { type: 'string' }, identifier: { type: 'string' },
        blocked: { type: 'boolean' }, avatar_url: { type: 'string' }, additional_attributes: { type: 'object' }, custom_attributes: { type: 'object' },
      },
      additionalProperties: false,
    },
    // E7 (update part): the update applies blanks, so null clears a field; attribute maps are merged shallowly.
    contactUpdate: {
      type: 'object',
      properties: {
        name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] }, phone_number: { type: ['string', 'null'] }, identifier: { type: ['string', 'null'] },
        blocked: { type: 'boolean' }, avatar_url: { type: ['string', 'null'] }, additional_attributes: { type: 'object' }, custom_attributes: { type: 'object' },
      },
      additionalProperties: false,
    },
    // E8: source_id is optional: inbox_id with contact_id also works (Chatwoot builds the contact inbox). E4: snoozed too.
    newConversation: {
      type: 'object',
      properties: {
        source_id: { type: 'string' }, inbox_id: { type: 'integer' }, contact_id: { type: 'integer' }, status: { enum: ['open', 'resolved', 'pending', 'snoozed'] },
        assignee_id: { type: 'integer' }, team_id: { type: 'integer' }, snoozed_until: { type: 'string' }, additional_attributes: { type: 'object' },
        custom_attributes: { type: 'object' },
        message: { type: 'object', required: ['content'], properties: { content: { type: 'string' }, template_params: { type: 'object' } }, additionalProperties: false },
      },
      additionalProperties: false,
    },
    // E5: "none" is no priority value (assigning it is a 500); null clears the priority.
    'update-conversation': {
      type: 'object',
      properties: { priority: { enum: ['urgent', 'high', 'medium', 'low', null] }, sla_policy_id: { type: 'integer' } },
      additionalProperties: false,
    },
    'toggle-priority-of-a-conversation': {
      type: 'object',
      required: ['priority'],
      properties: { priority: { enum: ['urgent', 'high', 'medium', 'low', null] } },
      additionalProperties: false,
    },
    // E4: without a status Chatwoot toggles open and resolved; snoozed_until is Unix seconds.
    'toggle-status-of-a-conversation': {
      type: 'object',
      properties: { status: { enum: ['open', 'resolved', 'pending', 'snoozed'] }, snoozed_until: { type: 'integer' } },
      additionalProperties: false,
    },
    // E25: assignee_type AgentBot assigns a bot; a null assignee_id or team_id unassigns.
    'assign-a-conversation': {
      type: 'object',
      properties: { assignee_id: { type: ['integer', 'null'] }, assignee_type: { enum: ['User', 'AgentBot'] }, team_id: { type: ['integer', 'null'] } },
      additionalProperties: false,
    },
    // E23: JSON works, content may be left out when files come along, and echo_id is read too.
    'create-a-new-message-in-a-conversation': {
      type: 'object',
      properties: {
        content: { type: 'string' }, message_type: { enum: ['outgoing', 'incoming'] }, private: { type: ['boolean', 'string'] },
        content_type: { enum: ['text', 'input_text', 'input_textarea', 'input_email', 'input_select', 'cards', 'form', 'article', 'incoming_email', 'input_csat', 'integrations', 'sticker', 'voice_call'] },
        content_attributes: { type: ['object', 'string'] }, template_params: { type: 'object' }, echo_id: { type: 'string' },
      },
      additionalProperties: false,
    },
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
    // E29: labels[] and include_contact_inboxes are read, and sort takes more keys than documented.
    contactList: { ...LABELS_ARRAY, include_contact_inboxes: { type: 'boolean' }, sort: { enum: CONTACT_SORTS } },
    contactSearch: { include_contact_inboxes: { type: 'boolean' }, sort: { enum: CONTACT_SORTS } },
    // E29 too: the filter's results are sorted by the same `sort` parameter as the list.
    contactFilter: { sort: { enum: CONTACT_SORTS } },
    // E30: sort_by and labels[] are read by the list; the counts take the same filters.
    conversationList: {
      ...LABELS_ARRAY,
      sort_by: {
        enum: ['last_activity_at_asc', 'last_activity_at_desc', 'created_at_asc', 'created_at_desc', 'priority_asc', 'priority_desc', 'waiting_since_asc', 'waiting_since_desc', 'priority_desc_created_at_asc', 'unread'],
      },
    },
    conversationListMeta: LABELS_ARRAY,
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
  // E23: the message create takes multipart/form-data with one attachments[] part per file.
  multipartBodies: { 'create-a-new-message-in-a-conversation': { fileFields: ['attachments[]'] } },
};

/** Trailing slashes are one route in Rails (E2): the matcher reads them as the path without the slash. */
const checker = createSpecChecker('chatwoot-api', spec, spec.components, APPLICATION_ERRATA);
export const { requestProblems, responseProblems, matchOperation } = checker;
