import type { Resolvers } from '../../../generated/graphql';
import { accountResolvers } from './account';
import { labelResolvers } from './labels';

/** The Application API's resolver maps, one per resource. */
export const applicationResolvers: Resolvers[] = [accountResolvers, labelResolvers];
