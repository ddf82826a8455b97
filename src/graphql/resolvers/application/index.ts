import type { Resolvers } from '../../../generated/graphql';
import { accountResolvers } from './account';
import { contactResolvers } from './contacts';
import { conversationResolvers } from './conversations';
import { messageResolvers } from './messages';
import { labelResolvers } from './labels';
import { structureResolvers } from './structure';

/** The Application API's resolver maps, one per resource. */
export const applicationResolvers: Resolvers[] = [accountResolvers, structureResolvers, labelResolvers];
applicationResolvers.push(contactResolvers, conversationResolvers, messageResolvers);
