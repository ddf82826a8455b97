import { pathSegment } from './paths';
import { booleanOrNull, expectObject, numberOrNull, objectOrNull, stringOrNull } from './records';
import type { RequestOptions } from './requestOptions';
import type { CallContext, ChatwootTransport, UpstreamCall } from './transport';
import type { InboxRecord, JsonObject, WorkingHoursRecord } from './types';

/** The path of an inbox of the Client API: `/public/api/v1/inboxes/{inbox}`. Throws for a blank identifier. */
export function inboxPath(inboxIdentifier: string): string {
  return `/public/api/v1/inboxes/${pathSegment(inboxIdentifier, 'inboxIdentifier')}`;
}

/** The Client API's inbox endpoint: the public details an API inbox shows to its contacts. */
export class InboxesResource {
  constructor(private readonly transport: ChatwootTransport) {}

  /** Describes `GET /public/api/v1/inboxes/{inbox}` without sending it (the loaders key reads by it). */
  getCall(inboxIdentifier: string, options?: RequestOptions | null): UpstreamCall {
    return { method: 'GET', path: inboxPath(inboxIdentifier), options };
  }

  /** `GET /public/api/v1/inboxes/{inbox}`. */
  async get(context: CallContext, inboxIdentifier: string, options?: RequestOptions | null): Promise<InboxRecord> {
    const call = this.getCall(inboxIdentifier, options);
    const { body, upstream } = await this.transport.exchange(context, call);
    return toInboxRecord(expectObject(body, upstream), inboxIdentifier);
  }
}

/** Maps Chatwoot's public inbox JSON; the identifier asked for stands in when Chatwoot leaves it out. */
export function toInboxRecord(raw: JsonObject, inboxIdentifier: string): InboxRecord {
  const hours = Array.isArray(raw.working_hours) ? raw.working_hours : [];
  return {
    identifier: stringOrNull(raw.identifier) ?? inboxIdentifier,
    name: stringOrNull(raw.name),
    timezone: stringOrNull(raw.timezone),
    workingHoursEnabled: booleanOrNull(raw.working_hours_enabled),
    workingHours: hours.map(objectOrNull).filter((day): day is JsonObject => day !== null).map(toWorkingHours),
    csatSurveyEnabled: booleanOrNull(raw.csat_survey_enabled),
    greetingEnabled: booleanOrNull(raw.greeting_enabled),
    identityValidationEnabled: booleanOrNull(raw.identity_validation_enabled),
  };
}

export function toWorkingHours(day: JsonObject): WorkingHoursRecord {
  return {
    dayOfWeek: numberOrNull(day.day_of_week),
    closedAllDay: booleanOrNull(day.closed_all_day),
    openAllDay: booleanOrNull(day.open_all_day),
    openHour: numberOrNull(day.open_hour),
    openMinutes: numberOrNull(day.open_minutes),
    closeHour: numberOrNull(day.close_hour),
    closeMinutes: numberOrNull(day.close_minutes),
  };
}
