import type { Denial } from './errors';

/**
 * Reads what a refusal means from Chatwoot's status and message. Chatwoot sends a bad token, a role check, a
 * membership check, a suspended account and a bot outside its allowed endpoints all as HTTP 401, so the status alone
 * cannot tell a client whether to sign in again or to stop asking. Messages are matched without regard to case.
 */
const RULES: readonly { status: number; pattern: RegExp; denial: Denial }[] = [
  { status: 401, pattern: /not authorized to do this action/i, denial: { kind: 'forbidden', reason: 'role' } },
  { status: 401, pattern: /not authorized to access this account/i, denial: { kind: 'forbidden', reason: 'not_member' } },
  { status: 401, pattern: /account is suspended/i, denial: { kind: 'forbidden', reason: 'suspended' } },
  { status: 401, pattern: /not authorized for bots|bot is not authorized/i, denial: { kind: 'forbidden', reason: 'bot' } },
  { status: 401, pattern: /non permissible resource/i, denial: { kind: 'forbidden', reason: 'not_permissible' } },
  { status: 401, pattern: /invalid user ids/i, denial: { kind: 'input', reason: 'invalid_user_ids' } },
  { status: 401, pattern: /sign in|invalid access.?token/i, denial: { kind: 'unauthenticated', reason: 'bad_token' } },
  { status: 403, pattern: /api access is not enabled/i, denial: { kind: 'forbidden', reason: 'api_disabled_for_account' } },
];

/** The meaning of a 401, 402 or 403 answer; undefined for other statuses. An unknown 401 is an authentication failure. */
export function classifyDenial(status: number, message: string | undefined): Denial | undefined {
  if (status === 402) return { kind: 'forbidden', reason: 'plan_limit' };
  if (status !== 401 && status !== 403) return undefined;
  const text = message ?? '';
  const rule = RULES.find((candidate) => candidate.status === status && candidate.pattern.test(text));
  if (rule) return rule.denial;
  return status === 401 ? { kind: 'unauthenticated', reason: 'bad_token' } : { kind: 'forbidden', reason: 'forbidden' };
}
