import { accountScenarios } from './account';
import { labelScenarios } from './labels';
import type { RequestScenario } from './types';

/** Every group's exact-request scenarios; a group adds one line here. */
export const APPLICATION_SCENARIOS: readonly RequestScenario[] = [...accountScenarios, ...labelScenarios];

export type { RequestScenario } from './types';
