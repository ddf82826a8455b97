import type { ErrorCode } from '../errors';

/**
 * A realtime request the gateway refuses or cannot serve, with its catalogue code and a stable `reason`
 * (`missing_token`, `api_disabled`, `account_not_permitted`, `subscription_unconfirmed`, ...). The GraphQL error
 * boundary (src/graphql/errors.ts) turns it into `extensions: {code, reason, maximum?}`. Messages never hold a token.
 */
export class RealtimeRefusal extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly reason: string,
    /** The configured bound, for REALTIME_LIMIT_EXCEEDED. */
    readonly maximum?: number,
  ) {
    super(message);
    this.name = 'RealtimeRefusal';
  }
}
