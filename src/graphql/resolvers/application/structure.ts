import type { AgentAvailability, AgentRole, Resolvers } from '../../../generated/graphql';
import { enumName } from './run';

/** The shared account-structure types: their enums from Chatwoot's lower-case values. */
export const structureResolvers: Resolvers = {
  Agent: {
    role: (agent) => enumName<AgentRole>(agent.role),
    availabilityStatus: (agent) => enumName<AgentAvailability>(agent.availabilityStatus),
  },
};
