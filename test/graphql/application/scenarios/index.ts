import { accountScenarios } from './account';
import { agentBotScenarios } from './agentBots';
import { agentScenarios } from './agents';
import { cannedResponseScenarios } from './cannedResponses';
import { customAttributeScenarios } from './customAttributes';
import { customFilterScenarios } from './customFilters';
import { inboxScenarios } from './inboxes';
import { labelScenarios } from './labels';
import { teamScenarios } from './teams';
import type { RequestScenario } from './types';
import { administrationScenarios } from './administration';
import { reportScenarios } from './reports';

/** Every group's exact-request scenarios; a group adds one line here. */
export const APPLICATION_SCENARIOS: readonly RequestScenario[] = [
  ...accountScenarios,
  ...labelScenarios,
  ...administrationScenarios,
  ...reportScenarios,
  ...agentScenarios,
  ...teamScenarios,
  ...inboxScenarios,
  ...agentBotScenarios,
  ...customAttributeScenarios,
  ...cannedResponseScenarios,
  ...customFilterScenarios,
];

export type { RequestScenario } from './types';
