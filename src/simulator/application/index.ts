import type { SimulatorEdition } from '../../config';
import type { SimRouter } from '../http';
import type { SimulatorStore } from '../store';
import { registerAgentBotRoutes } from './agentBots';
import { registerAgentRoutes } from './agents';
import { registerInboxRoutes } from './inboxes';
import { registerLabelRoutes } from './labels';
import { registerProfileRoutes } from './profile';
import { registerSettingsRoutes } from './settings';
import { ApplicationStore } from './store';
import { registerAdministrationRoutes, seedAdministrationDemo } from './administration';
import { registerTeamRoutes } from './teams';

/** Fixed tokens and ids of the demo Application API records, printed in the start-up banner. */
export const APPLICATION_DEMO = {
  accountId: 1,
  adminToken: 'demoAdminToken24CharsAbc',
  agentToken: 'demoAgentToken24CharsAbc',
  adminPubsubToken: 'demoAdminPubsub24CharsAb',
  agentPubsubToken: 'demoAgentPubsub24CharsAb',
} as const;

/**
 * Registers every Application API route of the simulator on `router`. `records` is the simulator's store of inboxes,
 * contacts, conversations and messages, which the Client API serves too: both APIs see the same records.
 */
export function registerApplicationRoutes(
  router: SimRouter,
  store: ApplicationStore,
  records: SimulatorStore,
  options: { edition: SimulatorEdition } = { edition: 'community' },
): void {
  void records;
  registerProfileRoutes(router, store);
  registerLabelRoutes(router, store);
  registerAdministrationRoutes(router, store, records, options.edition);
  registerAgentRoutes(router, store);
  registerTeamRoutes(router, store);
  registerInboxRoutes(router, store, records);
  registerAgentBotRoutes(router, store);
  registerSettingsRoutes(router, store);
}

/**
 * The demo account: an administrator (member of every inbox) and an agent (member of the first inbox and of the
 * Support team), a couple of labels.
 */
export function seedApplicationDemo(store: ApplicationStore, records: SimulatorStore): void {
  const account = store.addAccount({ name: 'Demo Account', supportEmail: 'support@example.com' });
  const admin = store.addUser({
    name: 'Ada Admin',
    email: 'ada@example.com',
    accessToken: APPLICATION_DEMO.adminToken,
    pubsubToken: APPLICATION_DEMO.adminPubsubToken,
  });
  const agent = store.addUser({
    name: 'Sam Agent',
    email: 'sam@example.com',
    accessToken: APPLICATION_DEMO.agentToken,
    pubsubToken: APPLICATION_DEMO.agentPubsubToken,
  });
  store.addMember(account, admin, 'administrator');
  store.addMember(account, agent, 'agent');
  for (const inbox of records.inboxes) store.inboxMembers.push({ inboxId: inbox.id, userId: admin.id });
  if (records.inboxes[0]) store.inboxMembers.push({ inboxId: records.inboxes[0].id, userId: agent.id });
  const support = { id: store.nextId('teams'), accountId: account.id, name: 'support', description: 'First line', allowAutoAssign: true };
  store.teams.push(support);
  store.teamMembers.push({ teamId: support.id, userId: agent.id });
  for (const [title, color] of [['billing', '#ff6b6b'], ['vip', '#f5a623']] as const) {
    store.labels.push({ id: store.nextId('labels'), accountId: account.id, title, description: null, color, showOnSidebar: true });
  }
  seedAdministrationDemo(store, records, account);
  seedStructureDemo(store, account.id);
}

/** A system bot of the installation, a bot of the demo account and a canned response. */
function seedStructureDemo(store: ApplicationStore, accountId: number): void {
  const bots = store.structure.agentBots;
  const bot = (owner: number | null, name: string) => ({
    id: store.nextId('agent_bots'), accountId: owner, name, description: null, outgoingUrl: null, botConfig: {},
    accessToken: `demoBotToken-${name.toLowerCase()}-0001`, secret: `demoBotSecret-${name.toLowerCase()}-01`,
  });
  bots.push(bot(null, 'Helper'), { ...bot(accountId, 'Triage'), outgoingUrl: 'https://bot.example.com/triage' });
  const now = new Date('2026-01-05T09:00:00Z');
  store.structure.cannedResponses.push({ id: store.nextId('canned_responses'), accountId, shortCode: 'thanks', content: 'Thank you for writing to us!', createdAt: now, updatedAt: now });
}

export { ApplicationStore };
