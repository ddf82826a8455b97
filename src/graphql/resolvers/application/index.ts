import type { Resolvers } from '../../../generated/graphql';
import { accountResolvers } from './account';
import { administrationResolvers } from './administration';
import { agentBotResolvers } from './agentBots';
import { agentResolvers } from './agents';
import { cannedResponseResolvers } from './cannedResponses';
import { customAttributeResolvers } from './customAttributes';
import { customFilterResolvers } from './customFilters';
import { inboxResolvers } from './inboxes';
import { labelResolvers } from './labels';
import { reportResolvers } from './reports';
import { structureResolvers } from './structure';
import { teamResolvers } from './teams';

/** The Application API's resolver maps, one per resource. */
export const applicationResolvers: Resolvers[] = [
  accountResolvers,
  structureResolvers,
  labelResolvers,
  // Account structure (agents, teams, inboxes, bots) and the account's settings records.
  agentResolvers,
  teamResolvers,
  inboxResolvers,
  agentBotResolvers,
  customAttributeResolvers,
  cannedResponseResolvers,
  customFilterResolvers,
  // Administration and reports.
  administrationResolvers,
  reportResolvers,
];
