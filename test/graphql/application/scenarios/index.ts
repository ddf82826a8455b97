import { accountScenarios } from './account';
import { labelScenarios } from './labels';
import type { RequestScenario } from './types';
import { administrationScenarios } from './administration';
import { reportScenarios } from './reports';

/** Every group's exact-request scenarios; a group adds one line here. */
export const APPLICATION_SCENARIOS: readonly RequestScenario[] = [
  ...accountScenarios,
  ...labelScenarios,
  ...administrationScenarios,
  ...reportScenarios,
];

export type { RequestScenario } from './types';
