import { InvalidRequestError } from '../../errors';
import { recordId } from '../../operation';

/**
 * How report arguments travel: Chatwoot's report builders read `since`/`until` as Unix seconds (`Time.zone.at`),
 * lists as `name[]`, and pages as positive integers. Checked here, inside the operations' query mappings, so a bad
 * range is refused before anything is sent.
 */

/** A DateTime argument (a Date from the scalar, or an ISO string) as Unix seconds. */
export function unixSeconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const millis = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(millis)) throw new InvalidRequestError(`${name} must be a date and time such as 2026-01-01T00:00:00Z.`, name);
  return Math.floor(millis / 1000);
}

export interface RangeArgs {
  readonly since?: unknown;
  readonly until?: unknown;
}

/** `since` and `until` as Chatwoot reads them; `since` after `until` is refused. */
export function rangeQuery(args: RangeArgs): { since?: number; until?: number } {
  const since = unixSeconds(args.since, 'since');
  const until = unixSeconds(args.until, 'until');
  if (since !== undefined && until !== undefined && since > until) {
    throw new InvalidRequestError('since must not be later than until.', 'since');
  }
  return { since, until };
}

/** A page number: 1 when not given, else a positive integer. */
export function pageNumber(page: number | null | undefined): number {
  if (page === undefined || page === null) return 1;
  if (!Number.isSafeInteger(page) || page < 1) throw new InvalidRequestError('page must be 1 or more.', 'page');
  return page;
}

/** A list of record ids as the integers Chatwoot compares them with. */
export function idList(values: readonly string[] | null | undefined, name: string): number[] | undefined {
  return values ? values.map((value) => Number(recordId(value, name))) : undefined;
}

/** An optional record id. */
export function optionalId(value: string | null | undefined, name: string): string | undefined {
  return value === undefined || value === null ? undefined : recordId(value, name);
}
