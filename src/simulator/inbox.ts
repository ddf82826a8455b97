import { notFound, ok, type SimRouter } from './http';
import type { JsonObject, SimInbox, SimulatorStore } from './store';

/**
 * `GET /public/api/v1/inboxes/{inbox}`: the public inbox as Chatwoot's inboxes/show view renders it. The weekly
 * schedule lists all seven days, Sunday first; the simulator's inboxes are closed on Sundays and open 9 to 17 otherwise.
 */
export function registerInboxRoutes(router: SimRouter, store: SimulatorStore): void {
  router.on('GET', '/public/api/v1/inboxes/:inbox', (req) => {
    const inbox = store.findInbox(req.params.inbox!);
    return inbox ? ok(publicInbox(inbox)) : notFound();
  });
}

export function publicInbox(inbox: SimInbox): JsonObject {
  return {
    identifier: inbox.identifier,
    identity_validation_enabled: inbox.hmacMandatory,
    name: inbox.name,
    timezone: inbox.timezone,
    working_hours: Array.from({ length: 7 }, (_unused, day) => workingDay(day)),
    working_hours_enabled: inbox.workingHoursEnabled,
    csat_survey_enabled: inbox.csatSurveyEnabled,
    greeting_enabled: inbox.greetingEnabled,
  };
}

function workingDay(day: number): JsonObject {
  const closed = day === 0;
  return {
    day_of_week: day,
    closed_all_day: closed,
    open_hour: closed ? null : 9,
    open_minutes: closed ? null : 0,
    close_hour: closed ? null : 17,
    close_minutes: closed ? null : 0,
    open_all_day: false,
  };
}
