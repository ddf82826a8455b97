import type { HttpMethod } from '../chatwoot/errors';
import type { ChatwootApi, Credential, OperationFacts, RequiredRole } from '../chatwoot/operation';

/** One GraphQL field and the Chatwoot operation it calls (src/graphql/operations.ts lists them all). */
export interface OperationEntry {
  /** The GraphQL field, as `Type.field`. */
  readonly field: string;
  readonly method: HttpMethod;
  /** Chatwoot's path template, spelled as in its official OpenAPI document. */
  readonly path: string;
  /** Chatwoot's operationId for the endpoint. */
  readonly operationId: string;
  readonly api: ChatwootApi;
  /** Which token the call carries (src/chatwoot/operation.ts). */
  readonly credential: Credential;
  /** The role Chatwoot requires, as documentation: Chatwoot decides. */
  readonly role: RequiredRole;
}

/** A field bound to a declared operation. */
export function bindField(field: string, op: OperationFacts): OperationEntry {
  return { field, method: op.method, path: op.path, operationId: op.operationId, api: op.api, credential: op.credential, role: op.role };
}
