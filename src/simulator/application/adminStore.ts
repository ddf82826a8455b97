import type { JsonObject } from '../store';

/**
 * The simulator's administration tables: automation rules, webhooks, integration hooks, help-center portals with
 * their categories and articles, and the Enterprise audit log (reporting events are derived: reportData.ts). Shaped after Chatwoot's tables;
 * ids per table.
 */

export interface SimAutomationRule {
  id: number;
  accountId: number;
  name: string;
  description: string | null;
  eventName: string;
  active: boolean;
  conditions: JsonObject[];
  actions: JsonObject[];
  createdAt: Date;
}

export interface SimWebhook {
  id: number;
  accountId: number;
  inboxId: number | null;
  name: string | null;
  url: string;
  subscriptions: string[];
  /** The signing secret Chatwoot generates (`has_secure_token :secret`): the gateway must never show it. */
  secret: string;
}

export interface SimHook {
  id: number;
  accountId: number;
  appId: string;
  inboxId: number | null;
  status: 'enabled' | 'disabled';
  hookType: 'account' | 'inbox';
  referenceId: string | null;
  /** The app's credentials (API keys, tokens): secrets Chatwoot shows administrators. */
  settings: JsonObject;
}

export interface SimPortal {
  id: number;
  accountId: number;
  slug: string;
  name: string;
  color: string | null;
  customDomain: string | null;
  headerText: string | null;
  homepageLink: string | null;
  pageTitle: string | null;
  archived: boolean;
  defaultLocale: string;
  allowedLocales: string[];
  /** The inbox whose widget the portal shows (the Client API store's inbox id). */
  inboxId: number | null;
}

export interface SimCategory {
  id: number;
  accountId: number;
  portalId: number;
  name: string;
  slug: string;
  description: string | null;
  locale: string;
  position: number | null;
  parentCategoryId: number | null;
  associatedCategoryId: number | null;
}

export type SimArticleStatus = 'draft' | 'published' | 'archived';

export interface SimArticle {
  id: number;
  accountId: number;
  portalId: number;
  categoryId: number | null;
  authorId: number;
  title: string;
  slug: string;
  description: string | null;
  content: string | null;
  status: SimArticleStatus;
  locale: string;
  position: number | null;
  views: number;
  updatedAt: Date;
}

/** One row of Enterprise's `audits` table; the audited gem records every changed column. */
export interface SimAudit {
  id: number;
  accountId: number;
  auditableType: string;
  auditableId: number;
  userId: number;
  username: string;
  action: 'create' | 'update' | 'destroy';
  auditedChanges: JsonObject;
  version: number;
  createdAt: Date;
}

export class AdministrationStore {
  readonly automationRules: SimAutomationRule[] = [];
  readonly webhooks: SimWebhook[] = [];
  readonly hooks: SimHook[] = [];
  readonly portals: SimPortal[] = [];
  readonly categories: SimCategory[] = [];
  readonly articles: SimArticle[] = [];
  readonly audits: SimAudit[] = [];
  private readonly sequences = new Map<string, number>();

  nextId(table: string): number {
    const next = (this.sequences.get(table) ?? 0) + 1;
    this.sequences.set(table, next);
    return next;
  }

  /** Appends an audit row, as Enterprise's audited models do on every create, update and destroy. */
  audit(entry: Omit<SimAudit, 'id' | 'version' | 'createdAt'>): void {
    const version = this.audits.filter((a) => a.auditableType === entry.auditableType && a.auditableId === entry.auditableId).length + 1;
    this.audits.push({ ...entry, id: this.nextId('audits'), version, createdAt: new Date() });
  }
}
