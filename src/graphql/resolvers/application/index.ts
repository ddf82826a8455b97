import type { Resolvers } from '../../../generated/graphql';
import { accountResolvers } from './account';
import { labelResolvers } from './labels';
import { structureResolvers } from './structure';
import { administrationResolvers } from './administration';
import { reportResolvers } from './reports';

/** The Application API's resolver maps, one per resource. */
export const applicationResolvers: Resolvers[] = [accountResolvers, structureResolvers, labelResolvers];
applicationResolvers.push(administrationResolvers, reportResolvers);
