import type { Resolvers } from '../../../generated/graphql';
import { accountResolvers } from './account';
import { labelResolvers } from './labels';
import { structureResolvers } from './structure';

/** The Application API's resolver maps, one per resource. */
export const applicationResolvers: Resolvers[] = [accountResolvers, structureResolvers, labelResolvers];
