import type { SimConversation, SimulatorStore } from '../store';

/**
 * What the simulator's reports and reporting events are computed from: the conversations and messages both APIs
 * share. Durations are fake but deterministic (derived from the display id), so reports are stable from run to run.
 * Conversations may carry the assignment fields the Application API adds (assignee, team, labels); those that do
 * not count as unassigned.
 */

type Assignable = SimConversation & { assigneeId?: number | null; teamId?: number | null; labels?: string[] };

export interface ReportConversation {
  readonly id: number;
  readonly displayId: number;
  readonly inboxId: number;
  readonly status: SimConversation['status'];
  readonly assigneeId: number | null;
  readonly teamId: number | null;
  readonly labels: readonly string[];
  /** Unix seconds of the first message (the conversation's start). */
  readonly startedAt: number;
  /** Seconds to the first reply, when an agent replied. */
  readonly firstResponseSeconds: number | null;
  /** Seconds to resolution, when resolved. */
  readonly resolutionSeconds: number | null;
  /** The user who replied first. */
  readonly firstReplierId: number | null;
}

export function reportConversations(records: SimulatorStore): ReportConversation[] {
  return (records.conversations as Assignable[]).map((conversation) => {
    const messages = records.messages.filter((m) => m.conversationId === conversation.id && !m.private);
    const reply = messages.find((m) => m.messageType === 1);
    const replier = reply?.sender?.type === 'user' ? reply.sender.id : null;
    return {
      id: conversation.id,
      displayId: conversation.displayId,
      inboxId: conversation.inboxId,
      status: conversation.status,
      assigneeId: conversation.assigneeId ?? null,
      teamId: conversation.teamId ?? null,
      labels: conversation.labels ?? [],
      startedAt: messages[0]?.createdAt ?? Math.floor(Date.now() / 1000),
      firstResponseSeconds: reply ? 300 * (1 + (conversation.displayId % 5)) : null,
      resolutionSeconds: conversation.status === 'resolved' ? 3600 * (1 + (conversation.displayId % 3)) : null,
      firstReplierId: replier,
    };
  });
}

/** A reporting event as Enterprise's view renders it. */
export interface SimReportingEvent {
  id: number;
  name: 'first_response' | 'conversation_resolved';
  value: number;
  conversationId: number;
  inboxId: number;
  userId: number | null;
  eventStartTime: number;
  eventEndTime: number;
}

/** The events Chatwoot would have recorded: a first response per replied conversation, a resolution per resolved. */
export function reportingEvents(records: SimulatorStore): SimReportingEvent[] {
  const events: SimReportingEvent[] = [];
  for (const c of reportConversations(records)) {
    const base = { conversationId: c.id, inboxId: c.inboxId, eventStartTime: c.startedAt };
    if (c.firstResponseSeconds !== null) {
      events.push({ ...base, id: events.length + 1, name: 'first_response', value: c.firstResponseSeconds, userId: c.firstReplierId, eventEndTime: c.startedAt + c.firstResponseSeconds });
    }
    if (c.resolutionSeconds !== null) {
      events.push({ ...base, id: events.length + 1, name: 'conversation_resolved', value: c.resolutionSeconds, userId: c.assigneeId, eventEndTime: c.startedAt + c.resolutionSeconds });
    }
  }
  return events;
}

/** The mean of the numbers, or null for none. */
export function average(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((sum, v) => sum + v, 0) / present.length : null;
}
