import type { WithOptions } from '../../operation';

/** The path of an account of the Application API; every account-scoped operation starts with it. */
export const ACCOUNT_PATH = '/api/v1/accounts/{account_id}';

/** Arguments of an account-scoped operation. */
export interface AccountArgs extends WithOptions {
  readonly accountId: string;
}

/** Arguments of an operation on one record of an account. */
export interface RecordArgs extends AccountArgs {
  readonly id: string;
}

/** The Application API's defaults: the caller's own token, always. */
export const APPLICATION = { api: 'APPLICATION', credential: 'CALLER' } as const;
