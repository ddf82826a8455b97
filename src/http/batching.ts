/**
 * GraphQL-over-HTTP batching: a POST whose body is a JSON array of operations, answered with an array of results.
 * Apollo Server runs the operations (when GATEWAY_HTTP_BATCHING=true); this module bounds how many one request may
 * carry. Threat model: every operation may fan out to Chatwoot calls, so an unbounded array would let one HTTP
 * request multiply the gateway's upstream traffic past anything a per-operation limit can see.
 */

/** Why a batched request is refused before any of its operations runs. */
export interface BatchRefusal {
  readonly status: number;
  readonly message: string;
}

/** Checks a parsed request body against the batch limit; undefined when it may run. */
export function checkBatchLength(body: unknown, maxBatchLength: number | undefined): BatchRefusal | undefined {
  // Without a limit batching is off, and Apollo itself refuses an array ("Operation batching disabled.").
  if (maxBatchLength === undefined || !Array.isArray(body) || body.length <= maxBatchLength) return undefined;
  return {
    status: 400,
    message:
      `The batched request carries ${body.length} operations; this gateway runs at most ${maxBatchLength} ` +
      'in one request (GATEWAY_HTTP_BATCH_MAX). Send the rest in another request.',
  };
}
