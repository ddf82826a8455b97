import type { AccountRecord } from '../../../chatwoot/operations/application/accounts';

/**
 * What a resolver knows of an account before reading it: its id, and its record when a call already returned it
 * (an update answers with the account). Scalar fields read the record through the loaders when it is not there.
 */
export interface AccountRef {
  readonly id: string;
  readonly record?: AccountRecord;
}
