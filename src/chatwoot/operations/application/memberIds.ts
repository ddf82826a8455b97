import { InvalidRequestError } from '../../errors';
import { recordId } from '../../operation';

/** The most users one membership change may name: Chatwoot loops over them one by one, so the list stays bounded. */
export const MAX_MEMBER_IDS = 500;

/**
 * Checks a list of user ids for a team or inbox membership change and returns them as the JSON numbers Chatwoot's
 * document asks for. An empty list is refused too: Rails' `params.require(:user_ids)` treats it as missing.
 */
export function userIdList(values: readonly unknown[], argumentName: string): number[] {
  if (values.length === 0) throw new InvalidRequestError(`${argumentName} must name at least one user.`, argumentName);
  if (values.length > MAX_MEMBER_IDS) {
    throw new InvalidRequestError(`${argumentName} may name at most ${MAX_MEMBER_IDS} users.`, argumentName);
  }
  const ids = values.map((value) => Number(recordId(value, argumentName)));
  if (!ids.every(Number.isSafeInteger)) throw new InvalidRequestError(`${argumentName} holds an id too large to send.`, argumentName);
  return [...new Set(ids)];
}

/** Arguments of a membership change: the users to add, set or remove. */
export interface MemberIdsArgs {
  readonly userIds: readonly string[];
}
