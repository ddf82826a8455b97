import type { JsonObject } from '../store';
import { AdministrationStore } from './adminStore';
import { StructureTables } from './records';

/**
 * The Application API's records in the simulator, shaped after Chatwoot's tables: accounts, users, their
 * memberships (account_users), access tokens and the account structure built on them. Ids are per table, as in
 * Chatwoot's database.
 */

export interface SimAccount {
  id: number;
  name: string;
  locale: string;
  domain: string | null;
  supportEmail: string | null;
  status: 'active' | 'suspended';
  features: Record<string, boolean>;
  settings: JsonObject;
  customAttributes: JsonObject;
  createdAt: Date;
}

export interface SimUser {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  /** The user's API token (Chatwoot's access_tokens row): a secret the gateway must never return. */
  accessToken: string;
  /** The user's real-time token: a secret too. */
  pubsubToken: string;
  uiSettings: JsonObject;
  messageSignature: string | null;
  customAttributes: JsonObject;
  confirmed: boolean;
}

export type SimRole = 'agent' | 'administrator';
export type SimAvailability = 'online' | 'busy' | 'offline';

export interface SimAccountUser {
  accountId: number;
  userId: number;
  role: SimRole;
  availability: SimAvailability;
  autoOffline: boolean;
  activeAt: Date | null;
}

export interface SimLabel {
  id: number;
  accountId: number;
  title: string;
  description: string | null;
  color: string;
  showOnSidebar: boolean;
}

export interface SimTeam {
  id: number;
  accountId: number;
  name: string;
  description: string | null;
  allowAutoAssign: boolean;
}

/** Who a token belongs to. */
export type SimTokenOwner = { type: 'User'; id: number } | { type: 'AgentBot'; id: number } | { type: 'PlatformApp'; id: number };

export class ApplicationStore {
  readonly accounts = new Map<number, SimAccount>();
  readonly users = new Map<number, SimUser>();
  readonly accountUsers: SimAccountUser[] = [];
  readonly tokens = new Map<string, SimTokenOwner>();
  readonly labels: SimLabel[] = [];
  readonly teams: SimTeam[] = [];
  /** team_members: which users belong to which team. */
  readonly teamMembers: { teamId: number; userId: number }[] = [];
  /** inbox_members: which users work in which inbox (the Client API store's inbox ids). */
  readonly inboxMembers: { inboxId: number; userId: number }[] = [];
  /** Automation rules, webhooks, hooks, portals and the audit log (src/simulator/application/adminStore.ts). */
  readonly administration = new AdministrationStore();

  /** Inbox settings, agent bots, custom attributes, canned responses, filters (records.ts). */
  readonly structure = new StructureTables();
  private readonly sequences = new Map<string, number>();

  /** The next id of a table, starting at 1. */
  nextId(table: string): number {
    const next = (this.sequences.get(table) ?? 0) + 1;
    this.sequences.set(table, next);
    return next;
  }

  addAccount(fields: Partial<SimAccount> & Pick<SimAccount, 'name'>): SimAccount {
    const account: SimAccount = {
      id: this.nextId('accounts'),
      locale: 'en',
      domain: null,
      supportEmail: null,
      status: 'active',
      features: { api_and_webhooks: true, custom_attributes: true, inbox_management: true },
      settings: { auto_resolve_after: null, auto_resolve_message: null, auto_resolve_ignore_waiting: false },
      customAttributes: {},
      createdAt: new Date('2026-01-05T09:00:00Z'),
      ...fields,
    };
    this.accounts.set(account.id, account);
    return account;
  }

  addUser(fields: Partial<SimUser> & Pick<SimUser, 'name' | 'email' | 'accessToken' | 'pubsubToken'>): SimUser {
    const user: SimUser = {
      id: this.nextId('users'),
      displayName: null,
      uiSettings: {},
      messageSignature: null,
      customAttributes: {},
      confirmed: true,
      ...fields,
    };
    this.users.set(user.id, user);
    this.tokens.set(user.accessToken, { type: 'User', id: user.id });
    return user;
  }

  addMember(account: SimAccount, user: SimUser, role: SimRole): SimAccountUser {
    const member: SimAccountUser = { accountId: account.id, userId: user.id, role, availability: 'online', autoOffline: true, activeAt: null };
    this.accountUsers.push(member);
    return member;
  }

  membership(accountId: number, userId: number): SimAccountUser | undefined {
    return this.accountUsers.find((m) => m.accountId === accountId && m.userId === userId);
  }

  membersOf(accountId: number): SimAccountUser[] {
    return this.accountUsers.filter((m) => m.accountId === accountId);
  }

  membershipsOf(userId: number): SimAccountUser[] {
    return this.accountUsers.filter((m) => m.userId === userId);
  }

  /** The ids of the inboxes a user works in. */
  inboxIdsOf(userId: number): number[] {
    return this.inboxMembers.filter((m) => m.userId === userId).map((m) => m.inboxId);
  }

  /** The ids of the teams a user belongs to. */
  teamIdsOf(userId: number): number[] {
    return this.teamMembers.filter((m) => m.userId === userId).map((m) => m.teamId);
  }
}
