import type { SimConversation, SimulatorStore } from '../store';
import type { AccountRequest } from './auth';
import type { ApplicationStore } from './store';

/**
 * Which conversations a member sees (Chatwoot's ConversationFinder and ConversationPolicy): administrators all of the
 * account's, agents those of the inboxes they work in and of the teams they belong to.
 */
export function canSee(app: ApplicationStore, req: AccountRequest, conversation: SimConversation): boolean {
  if (req.member.role === 'administrator') return true;
  if (app.inboxIdsOf(req.user.id).includes(conversation.inboxId)) return true;
  return conversation.teamId !== null && app.teamIdsOf(req.user.id).includes(conversation.teamId);
}

/** The account's conversations the caller may see. */
export function visibleConversations(app: ApplicationStore, records: SimulatorStore, req: AccountRequest): SimConversation[] {
  // The simulator's Client API records all belong to account 1.
  if (req.account.id !== 1) return [];
  return records.conversations.filter((conversation) => canSee(app, req, conversation));
}

/** The inboxes a member may use: administrators all, agents their own. */
export function visibleInboxIds(app: ApplicationStore, records: SimulatorStore, req: AccountRequest): number[] {
  if (req.account.id !== 1) return [];
  if (req.member.role === 'administrator') return records.inboxes.map((inbox) => inbox.id);
  return app.inboxIdsOf(req.user.id);
}
