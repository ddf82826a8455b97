import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../errors';

/**
 * Counts the upstream writes a request will make before any is sent, so that a write request is refused whole rather
 * than cut half-way by a limit (GATEWAY_MAX_BULK_ITEMS, GATEWAY_MAX_UPSTREAM_CALLS). Threat model: the per-field
 * check of a bulk list cannot see that 15 aliases share one `$items` of 1,000 entries, or that a batched HTTP request
 * repeats the same mutation; only a count over the whole HTTP request can.
 *
 * Each top-level field of a mutation is one write, except the bulk fields, which are one per item. A count is an
 * upper bound: fields under @skip are counted too.
 */

/** Mutation fields that make one upstream write per entry of a list argument, by field name: the argument's name. */
const BULK_FIELDS: Readonly<Record<string, string>> = { updateContacts: 'items' };

export interface WriteCount {
  /** Upstream writes the operations will make. */
  readonly writes: number;
  /** Items of bulk fields, all fields and operations together. */
  readonly bulkItems: number;
  /** The most items one bulk field carries. */
  readonly largestBulkField: number;
}

/** One GraphQL operation as the HTTP body carries it. */
export interface OperationRequest {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

/**
 * Counts the writes of one operation of the body. Returns null when the operation has no query text (a persisted
 * query sent by hash alone) or cannot be parsed or chosen: Apollo then refuses or resolves it, and the plugin counts
 * it once resolved (see countResolvedWrites).
 */
export function countRequestWrites(request: OperationRequest, maxTokens: number): WriteCount | null {
  const { query } = request;
  if (typeof query !== 'string') return null;
  // A document without the keyword has no mutation: the hot path of reads pays for one substring search.
  if (!query.includes('mutation')) return ZERO;
  const document = parseCached(query, maxTokens);
  if (!document) return ZERO;
  const name = typeof request.operationName === 'string' ? request.operationName : undefined;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = name === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === name);
  if (!operation) return ZERO;
  return countResolvedWrites(document, operation, variablesOf(request.variables));
}

/** Counts the writes of a parsed, chosen operation with its variables as sent. */
export function countResolvedWrites(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): WriteCount {
  if (operation.operation !== 'mutation') return ZERO;
  const fixed = fixedCounts.get(operation);
  if (fixed) return fixed;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A variable the request leaves out takes its declared default.
  const effective: Record<string, unknown> = { ...variables };
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (effective[name] === undefined && definition.defaultValue) defaults.set(name, definition.defaultValue);
  }
  const lengthOf = (value: ValueNode): number => {
    const fallback = value.kind === Kind.VARIABLE ? defaults.get(value.name.value) : undefined;
    return fallback ? listLength(fallback, effective) : listLength(value, effective);
  };
  const count = { writes: 0, bulkItems: 0, largestBulkField: 0 };
  let bulk = false;
  const visited = new Set<string>();
  const walk = (selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread twice at the top level names the same fields once; a cycle is a validation error anyway.
        if (fragment && !visited.has(fragment.name.value)) {
          visited.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      } else if (!selection.name.value.startsWith('__')) {
        const listArgument = BULK_FIELDS[selection.name.value];
        if (listArgument === undefined) {
          count.writes += 1;
          continue;
        }
        bulk = true;
        const argument = selection.arguments?.find((a) => a.name.value === listArgument);
        const items = argument ? lengthOf(argument.value) : 0;
        count.writes += items;
        count.bulkItems += items;
        count.largestBulkField = Math.max(count.largestBulkField, items);
      }
    }
  };
  walk(operation.selectionSet);
  if (!bulk) fixedCounts.set(operation, Object.freeze(count));
  return count;
}

/**
 * The counts of mutations without a bulk field, which do not depend on the variables: the parsed documents are cached
 * (here and by Apollo), so a client repeating a mutation has it counted once. Held as long as its document is.
 */
const fixedCounts = new WeakMap<OperationDefinitionNode, WriteCount>();

/** Adds counts of several operations (a batched HTTP request). */
export function addWriteCounts(counts: readonly WriteCount[]): WriteCount {
  return counts.reduce(
    (sum, c) => ({
      writes: sum.writes + c.writes,
      bulkItems: sum.bulkItems + c.bulkItems,
      largestBulkField: Math.max(sum.largestBulkField, c.largestBulkField),
    }),
    ZERO,
  );
}

const ZERO: WriteCount = { writes: 0, bulkItems: 0, largestBulkField: 0 };

/**
 * Parsed mutation documents, most recent last. Clients send the same few documents again and again, and Apollo keeps
 * its own parsed copy for the same reason; without this, every mutation would be parsed twice. Only short documents
 * are kept, so the cache holds at most CACHE_ENTRIES × CACHEABLE_LENGTH characters' worth.
 */
const parsedDocuments = new Map<string, DocumentNode>();
const CACHE_ENTRIES = 256;
const CACHEABLE_LENGTH = 8_192;

/** The document, or undefined when it does not parse (Apollo then reports the syntax error). */
function parseCached(query: string, maxTokens: number): DocumentNode | undefined {
  const cached = parsedDocuments.get(query);
  if (cached) return cached;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return undefined;
  }
  if (query.length <= CACHEABLE_LENGTH) {
    if (parsedDocuments.size >= CACHE_ENTRIES) parsedDocuments.delete(parsedDocuments.keys().next().value as string);
    parsedDocuments.set(query, document);
  }
  return document;
}

/** Entries of a list argument: a literal list, or a variable (GraphQL coerces a single value to a list of one). */
function listLength(value: ValueNode, variables: Readonly<Record<string, unknown>>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.NULL) return 0;
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    if (Array.isArray(given)) return given.length;
    return given === undefined || given === null ? 0 : 1;
  }
  return 1;
}

function variablesOf(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Why a request is refused whole before any of its writes is sent. */
export interface WriteRefusal {
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>>;
}

/**
 * Checks a count against the limits: more items in one bulk field than GATEWAY_MAX_BULK_ITEMS is BAD_USER_INPUT on
 * `items` (as the field itself reports it); more across fields and operations, or more writes than the request's
 * remaining budget of calls, is QUERY_LIMIT_EXCEEDED. Undefined when the writes fit.
 */
export function writeRefusal(count: WriteCount, maxBulkItems: number, remainingCalls: number, maxCalls: number): WriteRefusal | undefined {
  if (count.largestBulkField > maxBulkItems) {
    return {
      message:
        `items has ${count.largestBulkField} entries; this gateway accepts at most ${maxBulkItems} in one request ` +
        '(GATEWAY_MAX_BULK_ITEMS). Split the list into several requests.',
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'items' },
    };
  }
  if (count.bulkItems > maxBulkItems) {
    return {
      message:
        `The request's bulk fields carry ${count.bulkItems} items together; this gateway accepts at most ${maxBulkItems} ` +
        'in one HTTP request, all aliases and batched operations counted (GATEWAY_MAX_BULK_ITEMS). Nothing was changed.',
      extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'bulk_items', maximum: maxBulkItems },
    };
  }
  if (count.writes > remainingCalls) {
    return {
      message:
        `The request would make ${count.writes} writes to Chatwoot; one HTTP request may make at most ${maxCalls} calls ` +
        '(GATEWAY_MAX_UPSTREAM_CALLS). Nothing was changed.',
      extensions: { code: ErrorCode.QUERY_LIMIT_EXCEEDED, limit: 'upstream_calls', maximum: maxCalls },
    };
  }
  return undefined;
}
