import type { WithOptions } from '../../operation';

/** The Platform API's defaults: the server-held Platform App token, and never a caller's. */
export const PLATFORM = { api: 'PLATFORM', credential: 'PLATFORM', role: 'PLATFORM_APP', sets: 'both' } as const;

export interface PlatformAccountArgs extends WithOptions {
  readonly accountId: string;
}

export interface PlatformRecordArgs extends WithOptions {
  readonly id: string;
}
