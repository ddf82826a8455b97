import type { FakeReply } from '../../../support/servers';

/**
 * One exact-request case of the Application API: a GraphQL document sent with the caller's token, the one upstream
 * request it must make (method, path, query string and JSON body, key by key), what the fake Chatwoot answers, and the
 * data the caller must get. test/graphql/application/requests.test.ts runs every scenario of every group and checks
 * each recorded request against Chatwoot's official document (test/contract/application.ts).
 */
export interface RequestScenario {
  /** The field whose operation the scenario exercises, as in src/graphql/operations.ts (`Type.field`). */
  readonly field: string;
  readonly document: string;
  readonly variables?: Record<string, unknown>;
  /** Chatwoot's answer. */
  readonly reply: FakeReply;
  readonly request: {
    readonly method: string;
    readonly path: string;
    /** The query string including its `?`, or '' (the default). */
    readonly query?: string;
    /** The JSON body; undefined means none is sent. */
    readonly body?: unknown;
  };
  /**
   * Reads the document makes before the scenario's own request, answered by path: the parent record of an edge (the
   * team whose members are listed, say). They are checked against the document too; the scenario's request comes last.
   */
  readonly prior?: readonly { readonly path: string; readonly reply: FakeReply }[];
  /** The `data` the caller gets. */
  readonly data: unknown;
}
