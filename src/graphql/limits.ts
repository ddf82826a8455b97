import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Abuse limits on the GraphQL document, checked before anything runs.
 *
 * Threat model: one request from the public internet must not make the gateway spend unbounded CPU or memory, nor
 * fan out into many Chatwoot calls. The parser stops after `maxTokens` tokens (graphql-js' own guard, which also
 * bounds its recursion); graphql-armor's validation rules then refuse documents nested deeper than `maxDepth`,
 * costing more than `maxCost`, or using more than `maxAliases` aliases (the classic way to repeat one expensive field
 * many times in one request). The request body size is bounded before parsing (GATEWAY_MAX_BODY_BYTES).
 * Each refusal is QUERY_LIMIT_EXCEEDED with `limit` naming which one and `maximum` its value.
 */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
  readonly maxTokens: number;
}

/** `representations` is checked at execution, on `_entities` (src/graphql/entities.ts); the others on the document. */
export type LimitName = 'depth' | 'cost' | 'aliases' | 'tokens' | 'representations';

/** The document exceeded one of the limits; carried as the originalError of the validation error. */
export class QueryLimitError extends Error {
  constructor(
    message: string,
    readonly limit: LimitName,
    readonly maximum: number,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}

/**
 * The validation rules for Apollo's `validationRules`. graphql-armor throws from inside validation by default,
 * which would surface as an internal error; here it reports instead, with a QueryLimitError the error boundary maps.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      propagateOnRejection: false,
      onReject: [reporter('depth', limits.maxDepth)],
    }),
    costLimitRule({
      maxCost: limits.maxCost,
      propagateOnRejection: false,
      onReject: [reporter('cost', limits.maxCost)],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [reporter('aliases', limits.maxAliases)],
    }),
  ] as ValidationRule[];
}

/** Options for Apollo's parser: the token limit. */
export function parseOptions(limits: QueryLimits): { maxLexicalTokens: number } {
  return { maxLexicalTokens: limits.maxTokens };
}

function reporter(limit: LimitName, maximum: number) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(new GraphQLError(message, { originalError: new QueryLimitError(message, limit, maximum) }));
  };
}

const TOKEN_LIMIT = /Document contains more th\w+ (\d+) tokens/;

/**
 * Recognises a limit refusal among Apollo's formatted errors: a QueryLimitError behind a validation error, or the
 * parser's token limit (which Apollo reports as a parse failure). Returns null for anything else.
 */
export function limitExceeded(error: unknown, message: string): { limit: LimitName; maximum: number } | null {
  if (error instanceof QueryLimitError) return { limit: error.limit, maximum: error.maximum };
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof QueryLimitError) return { limit: original.limit, maximum: original.maximum };
  const tokens = TOKEN_LIMIT.exec(message);
  return tokens ? { limit: 'tokens', maximum: Number(tokens[1]) } : null;
}
