import spec from './chatwoot.openapi.json';
import { createSpecChecker, type SpecErrata } from './specChecker';

/**
 * The Application and Platform APIs' contract: Chatwoot's complete document (a facts-only copy made by
 * scripts/extract-chatwoot-spec.mjs), with the errata below. Each says where the document is wrong about what
 * Chatwoot's source does, and what the gateway sends instead; the numbers are those of the design's errata list.
 */
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
  },
  extraQueryParameters: {
    // E12: attribute_model is optional (all models when left out) and there is a third model, company_attribute.
    'get-account-custom-attribute': { attribute_model: { enum: ['conversation_attribute', 'contact_attribute', 'company_attribute', '0', '1', '2'] } },
    // E28: canned responses take a search term.
    'get-account-canned-response': { search: { type: 'string' } },
  },
};

/** Trailing slashes are one route in Rails (E2): the matcher reads them as the path without the slash. */
const checker = createSpecChecker('chatwoot-api', spec, spec.components, APPLICATION_ERRATA);
export const { requestProblems, responseProblems, matchOperation } = checker;
