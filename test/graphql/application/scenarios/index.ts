import { accountScenarios } from './account';
import { contactScenarios } from './contacts';
import { conversationScenarios } from './conversations';
import { labelScenarios } from './labels';
import { messageScenarios } from './messages';
import type { RequestScenario } from './types';

/** Every group's exact-request scenarios; a group adds one line here. */
export const APPLICATION_SCENARIOS: readonly RequestScenario[] = [
  ...accountScenarios,
  ...labelScenarios,
  ...contactScenarios,
  ...conversationScenarios,
  ...messageScenarios,
];

export type { RequestScenario } from './types';
