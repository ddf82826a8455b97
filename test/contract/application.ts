import spec from './chatwoot.openapi.json';
import { createSpecChecker, type SpecErrata } from './specChecker';

/**
 * The Application and Platform APIs' contract: Chatwoot's complete document (a facts-only copy made by
 * scripts/extract-chatwoot-spec.mjs), with the errata below. Each says where the document is wrong about what
 * Chatwoot's source does, and what the gateway sends instead; the numbers are those of the design's errata list.
 */
/** Chatwoot's ten filter operators (lib/filters/filter_keys.yml); the document lists four (erratum E10). */
const FILTER_OPERATORS = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain', 'is_present', 'is_not_present', 'is_greater_than', 'is_less_than', 'days_before', 'starts_with'];
/** The contacts' sort keys, with a leading `-` for descending (erratum E29; the document lists four). */
const CONTACT_SORTS = ['email', 'name', 'phone_number', 'last_activity_at', 'created_at', 'company_name', 'city', 'country'].flatMap((key) => [key, `-${key}`]);
/** Rails reads a list from repeated `name[]=value` pairs; the document names the parameter without the brackets. */
const LABELS_ARRAY = { 'labels[]': { type: 'string' } };

export const APPLICATION_ERRATA: SpecErrata = {
  requestBodies: {
    // E10: ten operators with per-attribute allow-lists; query_operator joins a condition to the NEXT one, so the last
    // carries null; custom attribute conditions say which model's attribute they test.
    contactFilter: {
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
    },
    conversationFilter: {
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
    },
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
  },
  extraQueryParameters: {
    // E12: attribute_model is optional (all models when left out) and there is a third model, company_attribute.
    'get-account-custom-attribute': { attribute_model: { enum: ['conversation_attribute', 'contact_attribute', 'company_attribute', '0', '1', '2'] } },
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
    // E28: canned responses take a search term.
    'get-account-canned-response': { search: { type: 'string' } },
  },
  // E23: the message create takes multipart/form-data with one attachments[] part per file.
  multipartBodies: { 'create-a-new-message-in-a-conversation': { fileFields: ['attachments[]'] } },
};

/** Trailing slashes are one route in Rails (E2): the matcher reads them as the path without the slash. */
const checker = createSpecChecker('chatwoot-api', spec, spec.components, APPLICATION_ERRATA);
export const { requestProblems, responseProblems, matchOperation } = checker;
