import { type GraphQLRequestContextResponseForOperation, type GraphQLResponse, HeaderMap } from '@apollo/server';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { BoundedCache } from './boundedCache';
import { type SharedListenerPlugin, sharedListenerPlugin } from './sharedListener';

/** The executors GATEWAY_EXECUTOR selects. */
export type ExecutorKind = 'jit' | 'graphql-js';

export interface JitExecutorOptions {
  /** The most compiled operations kept; the least recently used one is dropped beyond it (default 1000). */
  readonly maxCompiledOperations?: number;
}

/** What graphql-js's execute uses, so that coercion errors stop at the same count. */
const MAX_COERCION_ERRORS = 50;
/** Apollo marks a traced request by defining this symbol on its context (src of @apollo/server, schemaInstrumentation). */
const TRACING_SYMBOL_DESCRIPTION = 'apolloServerExecutionDispatcherWillResolveField';

/**
 * Runs queries and mutations with graphql-jit, so that everything else of Apollo (parsing, validation rules, CSRF
 * prevention, plugins, formatError) stays as it is: an answer without errors from its plugin (see plugin()), anything
 * else behind Apollo Server's `gateway` option. Each operation is compiled once: compiling costs about as much as
 * validating, so the cache is bounded by count and a client sending endless distinct documents only evicts, never
 * grows it.
 *
 * Tracing: Apollo wraps the schema's resolvers (for willResolveField hooks, i.e. federated inline traces) the first
 * time a traced request arrives, and graphql-jit reads resolvers when it compiles. A traced request therefore gets
 * its own compilation, made after the wrapping; an untraced one may run code compiled before it, which is right
 * because it wants no hooks.
 */
export class JitGateway implements GatewayInterface {
  private readonly compiled: BoundedCache<string, CompiledQuery | null>;
  private listener: GatewaySchemaLoadOrUpdateCallback | undefined;
  /** Answers with errors that the plugin computed, waiting for Apollo's execution step; keyed by the request's metrics. */
  private readonly answered = new WeakMap<object, GatewayExecutionResult>();

  constructor(private readonly schema: GraphQLSchema, options: JitExecutorOptions = {}) {
    this.compiled = new BoundedCache(options.maxCompiledOperations ?? 1000);
  }

  /** Apollo subscribes before load(); the schema never changes afterwards. */
  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listener = callback;
    return () => {
      this.listener = undefined;
    };
  }

  async load(): Promise<GatewayLoadResult> {
    this.listener?.({ apiSchema: this.schema, coreSupergraphSdl: '' });
    const executor: GatewayExecutor = (requestContext) => this.execute(requestContext);
    return { executor };
  }

  async stop(): Promise<void> {
    this.compiled.clear();
  }

  /** How many compiled operations are held (for tests of the bound). */
  get size(): number {
    return this.compiled.size;
  }

  /**
   * The plugin that runs compiled operations before Apollo's own execution step, for requests no plugin traces.
   * Apollo's step, for a `gateway`, builds a second request context per request (with an accessor pair in an object
   * literal, which gives each one a hidden class of its own and kept it alive through young collections), negotiates
   * the Accept header again and awaits every plugin's executionDidStart; none of that is needed for an answer without
   * errors. An answer with errors is handed to Apollo's step as it is (see execute), so that Apollo's error handling
   * (didEncounterErrors, formatError, the status of a coercion failure) applies unchanged and nothing is run twice.
   * A traced request (inline traces for a router, usage reporting's samples) takes Apollo's step, which calls its
   * plugins' executionDidStart and willResolveField.
   */
  plugin<TContext extends object>(): SharedListenerPlugin<TContext> {
    return sharedListenerPlugin<TContext>({ responseForOperation: (requestContext) => this.respond(requestContext) });
  }

  private async respond<TContext extends object>(
    requestContext: GraphQLRequestContextResponseForOperation<TContext>,
  ): Promise<GraphQLResponse | null> {
    // Apollo's types promise an operation here, but it calls this hook when none was resolved too (an unknown
    // operationName), and its own step reports that. It has always hashed the query by now.
    const operation: OperationDefinitionNode | undefined = requestContext.operation;
    const { metrics, queryHash } = requestContext;
    if (!operation || metrics.captureTraces === true || queryHash === undefined) return null;
    const compiled = this.compiledFor(queryHash, requestContext.document, operation, requestContext.operationName, false);
    if (!compiled) return null;
    const result = await this.run(compiled, operation, requestContext.contextValue, requestContext.request.variables);
    if (result.errors?.length) {
      this.answered.set(metrics, result);
      return null;
    }
    return { http: NO_HTTP_CHANGES, body: { kind: 'single', singleResult: { data: result.data } } };
  }

  private async execute(requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
    const answered = this.answered.get(requestContext.metrics);
    if (answered) {
      this.answered.delete(requestContext.metrics);
      return answered;
    }
    const { operation, document, context } = requestContext;
    const variables = requestContext.request.variables;
    const compiled = operation
      ? this.compiledFor(requestContext.queryHash, document, operation, requestContext.operationName, isTraced(context))
      : null;
    if (!compiled || !operation) {
      // No operation resolved (graphql-js reports why), or a kind graphql-jit does not run: the reference executor.
      return (await execute({
        schema: this.schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName: requestContext.request.operationName,
      })) as GatewayExecutionResult;
    }
    return this.run(compiled, operation, context, variables);
  }

  private async run(
    compiled: CompiledQuery,
    operation: OperationDefinitionNode,
    context: object,
    variables: Record<string, unknown> | undefined,
  ): Promise<GatewayExecutionResult> {
    const result = await compiled.query(undefined, context, variables);
    if (result.data === undefined && result.errors?.length) {
      // Failed before execution: variable coercion. graphql-jit's wording differs and drops the scalar's own message,
      // so the errors are recomputed the way graphql-js reports them.
      const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {}, {
        maxErrors: MAX_COERCION_ERRORS,
      });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return toGraphQLJsResult(result);
  }

  private compiledFor(
    queryHash: string,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | null | undefined,
    traced: boolean,
  ): CompiledQuery | null {
    if (operation.operation !== 'query' && operation.operation !== 'mutation') return null;
    // A document of one operation, untraced (nearly every request), is keyed by its hash alone: the same string each
    // time (src/graphql/queryHash.ts), so the lookup builds no key and V8 hashes it once. The other keys have a prefix,
    // so no two kinds can meet.
    const key =
      !traced && document.definitions.length === 1 ? queryHash : `${traced ? 't' : 'u'}:${operation.name?.value ?? ''}:${queryHash}`;
    const hit = this.compiled.get(key);
    if (hit !== undefined) return hit;
    // graphql-jit miscounts a list whose items fail out of order (two bad _entities representations answered three
    // nulls), so federation's entity lookups run on the reference executor; they are a router's, not the hot path.
    // Remembered as null like any other operation that is not compiled, so a document is walked once.
    if (selectsEntities(operation, document)) {
      this.compiled.set(key, null);
      return null;
    }
    const result = compileQuery(this.schema, document, operationName ?? undefined);
    // A document graphql-jit cannot compile (none is known for validated documents) falls back to graphql-js.
    const compiled = isCompiledQuery(result) ? result : null;
    this.compiled.set(key, compiled);
    return compiled;
  }
}

/** A plugin's answer changes neither status nor headers; Apollo only reads it (mergeHTTPGraphQLHead). */
const NO_HTTP_CHANGES = Object.freeze({ status: undefined, headers: new HeaderMap() });

/** Whether the operation asks for `_entities` at its root, directly or through fragments. */
function selectsEntities(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === '_entities';
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet.selections);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? visit(fragment.selectionSet.selections) : false;
    });
  return visit(operation.selectionSet.selections);
}

function isTraced(context: object): boolean {
  for (const symbol of Object.getOwnPropertySymbols(context)) {
    if (symbol.description === TRACING_SYMBOL_DESCRIPTION) return true;
  }
  return false;
}

/**
 * graphql-jit's errors inherit from GraphQLError but are built differently (no nodes, properties defined read-only).
 * They are rebuilt as graphql-js builds them, so that the error formatter and Apollo's plugins see the same thing.
 */
function toGraphQLJsResult(result: ExecutionResult): GatewayExecutionResult {
  if (!result.errors) return result as GatewayExecutionResult;
  return { ...result, errors: result.errors.map(toGraphQLJsError) } as GatewayExecutionResult;
}

function toGraphQLJsError(error: GraphQLError): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const original = error.originalError;
  // graphql-js keeps a resolver's GraphQLError that already has a path as it is (locatedError).
  if (original instanceof GraphQLError && original.constructor === GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: original ?? undefined,
    extensions: error.extensions,
  });
  if (error.locations) (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}
