import type { HttpMethod } from './errors';

/** What an observer learns about one upstream call. Never a body, a header or a credential. */
export interface ObservedCall {
  readonly method: HttpMethod;
  /** The path with caller-supplied segments replaced by names, e.g. `/public/api/v1/inboxes/:inbox/contacts/:contact`. */
  readonly pathTemplate: string;
  /** The GraphQL request this call serves, for correlating log lines. */
  readonly requestId?: string | null;
  /** Where the request collects its calls for its one log line (src/observability/callJournal.ts), if it does. */
  readonly journal?: CallJournalSink;
}

/** One finished call as a log line lists it. */
export interface CallRecord {
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly error?: string;
}

/** Takes a finished call's record; false when it no longer does (its request was answered) and the caller logs it. */
export interface CallJournalSink {
  add(record: CallRecord): boolean;
}

/** How the call ended: Chatwoot's status when it answered, and the failure's kind when it failed. */
export interface CallOutcome {
  readonly status?: number;
  readonly errorKind?: string;
}

/**
 * Watches upstream calls for logs and metrics without the adapter knowing about either. `start` is called as a call
 * begins and returns the function the transport calls exactly once when it ends.
 */
export interface UpstreamObserver {
  start(call: ObservedCall): (outcome: CallOutcome) => void;
}

/** Collection names in Chatwoot paths; the segment after one of them is an identifier named after it. */
const COLLECTIONS: Readonly<Record<string, string>> = {
  inboxes: ':inbox',
  contacts: ':contact',
  conversations: ':conversation',
  messages: ':message',
  accounts: ':account',
  agents: ':agent',
  teams: ':team',
  labels: ':label',
  webhooks: ':webhook',
  campaigns: ':campaign',
  canned_responses: ':canned_response',
  custom_attribute_definitions: ':custom_attribute_definition',
  agent_bots: ':agent_bot',
  integrations: ':integration',
  portals: ':portal',
  articles: ':article',
  categories: ':category',
  users: ':user',
};

/**
 * Derives a path template from an encoded path, so that logs and metric labels never carry identifiers (which are
 * unbounded, and in the Client API act as bearer secrets). A segment after a known collection becomes its name; any
 * other segment that is not a plain lower-case word (digits, mixed case, encoded characters) becomes `:id`.
 */
export function pathTemplate(path: string): string {
  const segments = path.split('/');
  return segments
    .map((segment, index) => {
      if (segment === '' || index === 0) return segment;
      const previous = segments[index - 1] ?? '';
      const named = COLLECTIONS[previous];
      if (named) return named;
      return /^(v\d+|[a-z_]+)$/.test(segment) ? segment : ':id';
    })
    .join('/');
}
