import type { SimulatorEdition } from '../../config';
import type { SimRouter } from '../http';
import type { SimulatorStore } from '../store';
import { registerAutomationRoutes } from './automation';
import { registerEnterpriseRoutes } from './enterprise';
import { registerHelpCenterRoutes } from './helpCenter';
import { registerIntegrationRoutes } from './integrations';
import { registerReportRoutes } from './reports';
import type { ApplicationStore, SimAccount } from './store';
import { registerWebhookRoutes } from './webhooks';

/** The administration and insight routes: automation, webhooks, integrations, help center, Enterprise logs, reports. */
export function registerAdministrationRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore, edition: SimulatorEdition): void {
  registerAutomationRoutes(router, store);
  registerWebhookRoutes(router, store, records);
  registerIntegrationRoutes(router, store, records);
  registerHelpCenterRoutes(router, store, records);
  registerEnterpriseRoutes(router, store, records, edition);
  registerReportRoutes(router, store, records);
}

/** A demo help-center portal `help` showing the first inbox's widget (so the portal's embedded inbox is there). */
export function seedAdministrationDemo(store: ApplicationStore, records: SimulatorStore, account: SimAccount): void {
  store.administration.portals.push({
    id: store.administration.nextId('portals'),
    accountId: account.id,
    slug: 'help',
    name: 'Demo Help Center',
    color: '#1f93ff',
    customDomain: null,
    headerText: 'How can we help?',
    homepageLink: 'https://example.com',
    pageTitle: 'Demo Help Center',
    archived: false,
    defaultLocale: 'en',
    allowedLocales: ['en'],
    inboxId: records.inboxes[0]?.id ?? null,
  });
}
