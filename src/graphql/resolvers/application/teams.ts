import { teamOperations } from '../../../chatwoot/operations/application/teams';
import type { Resolvers } from '../../../generated/graphql';
import { read, write } from './run';

/** Teams: the account's teams, their members and the mutations of both. */
export const teamResolvers: Resolvers = {
  Account: {
    teams: (account, { options }, context) => read(context, teamOperations.list, { accountId: account.id, options }),
    team: (account, { id, options }, context) => read(context, teamOperations.get, { accountId: account.id, teamId: id, options }),
  },
  Team: {
    // Async so a refusal fails this reference alone; through the loaders, so N references to one team are one read.
    __resolveReference: async (reference, context) =>
      read(context, teamOperations.get, { accountId: String(reference.accountId ?? ''), teamId: reference.id }),
    members: (team, { options }, context) =>
      read(context, teamOperations.members, { accountId: team.accountId ?? '', teamId: team.id, options }),
  },
  Mutation: {
    createTeam: (_root, args, context) => write(context, teamOperations.create, args),
    updateTeam: (_root, { accountId, id, input, options }, context) =>
      write(context, teamOperations.update, { accountId, teamId: id, input, options }),
    deleteTeam: (_root, { accountId, id, options }, context) => write(context, teamOperations.delete, { accountId, teamId: id, options }),
    addTeamMembers: (_root, args, context) => write(context, teamOperations.addMembers, args),
    setTeamMembers: (_root, args, context) => write(context, teamOperations.setMembers, args),
    removeTeamMembers: (_root, args, context) => write(context, teamOperations.removeMembers, args),
  },
};
