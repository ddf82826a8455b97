import { ok, type SimRouter, type SimResponse, unprocessable } from '../http';
import type { JsonObject, SimulatorStore } from '../store';
import { type AccountRequest, onAccount, RECORD_NOT_FOUND, requireAdministrator, wrapped } from './auth';
import type { SimArticle, SimArticleStatus, SimCategory, SimPortal } from './adminStore';
import type { ApplicationStore } from './store';

const STATUSES: readonly SimArticleStatus[] = ['draft', 'published', 'archived'];
const SLUG = /^[a-z0-9-]+$/;

/**
 * The portal partial. Chatwoot embeds the portal's whole inbox partial, which carries the inbox's HMAC token and
 * secret for administrators: so does the simulator, so that the gateway's summary-only mapping is tested.
 */
function portalView(store: ApplicationStore, records: SimulatorStore, portal: SimPortal, administrator: boolean): JsonObject {
  const admin = store.administration;
  const articles = admin.articles.filter((a) => a.portalId === portal.id);
  const categories = admin.categories.filter((c) => c.portalId === portal.id);
  const inbox = portal.inboxId === null ? undefined : records.inboxes.find((i) => i.id === portal.inboxId);
  return {
    id: portal.id,
    archived: portal.archived,
    color: portal.color,
    config: {
      allowed_locales: portal.allowedLocales.map((code) => ({
        code,
        articles_count: articles.filter((a) => a.locale === code).length,
        categories_count: categories.filter((c) => c.locale === code).length,
      })),
      default_locale: portal.defaultLocale,
    },
    custom_domain: portal.customDomain,
    header_text: portal.headerText,
    homepage_link: portal.homepageLink,
    name: portal.name,
    slug: portal.slug,
    page_title: portal.pageTitle,
    account_id: portal.accountId,
    inbox: inbox
      ? {
          id: inbox.id,
          name: inbox.name,
          channel_type: 'Channel::Api',
          channel_id: inbox.id,
          avatar_url: '',
          inbox_identifier: inbox.identifier,
          ...(administrator ? { hmac_token: inbox.hmacToken, secret: `webhook-secret-${inbox.hmacToken}` } : {}),
        }
      : {},
    logo: {},
    meta: {
      all_articles_count: articles.length,
      archived_articles_count: articles.filter((a) => a.status === 'archived').length,
      published_count: articles.filter((a) => a.status === 'published').length,
      draft_articles_count: articles.filter((a) => a.status === 'draft').length,
      categories_count: categories.length,
      default_locale: portal.defaultLocale,
    },
  };
}

function categoryView(category: SimCategory): JsonObject {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    locale: category.locale,
    description: category.description,
    position: category.position,
    account_id: category.accountId,
    portal_id: category.portalId,
    parent_category_id: category.parentCategoryId,
    associated_category_id: category.associatedCategoryId,
    meta: { articles_count: 0 },
  };
}

function articleView(article: SimArticle): JsonObject {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    content: article.content,
    description: article.description,
    status: article.status,
    position: article.position,
    account_id: article.accountId,
    portal_id: article.portalId,
    category_id: article.categoryId,
    author_id: article.authorId,
    locale: article.locale,
    views: article.views,
    updated_at: article.updatedAt.toISOString(),
    meta: {},
  };
}

/**
 * `/api/v1/accounts/{id}/portals`, addressed by SLUG (erratum E15): the list to every member as
 * `{payload, meta}`, create and update for administrators with the bare portal, category and article creation as
 * `{payload: {...}}`. An unknown slug answers 404 here (Chatwoot's `find_by` renders nil, probably a 500).
 */
export function registerHelpCenterRoutes(router: SimRouter, store: ApplicationStore, records: SimulatorStore): void {
  const admin = store.administration;
  const bySlug = (req: AccountRequest) => admin.portals.find((p) => p.accountId === req.account.id && p.slug === req.params.slug);
  const adminOf = (req: AccountRequest) => req.member.role === 'administrator';

  onAccount(store, router, 'GET', '/portals', (req) => {
    const portals = admin.portals.filter((p) => p.accountId === req.account.id);
    return ok({ payload: portals.map((p) => portalView(store, records, p, adminOf(req))), meta: { current_page: 1, portals_count: portals.length } });
  });

  onAccount(store, router, 'POST', '/portals', (req) => {
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const portal: SimPortal = {
      id: 0, accountId: req.account.id, slug: '', name: '', color: null, customDomain: null, headerText: null, homepageLink: null,
      pageTitle: null, archived: false, defaultLocale: 'en', allowedLocales: ['en'], inboxId: null,
    };
    const invalid = applyPortal(admin.portals, portal, wrapped(req, 'portal'));
    if (invalid) return invalid;
    portal.id = admin.nextId('portals');
    admin.portals.push(portal);
    admin.audit({ accountId: req.account.id, auditableType: 'Portal', auditableId: portal.id, userId: req.user.id, username: req.user.email, action: 'create', auditedChanges: { slug: portal.slug } });
    return ok(portalView(store, records, portal, true));
  });

  onAccount(store, router, 'PATCH', '/portals/:slug', (req) => {
    const portal = bySlug(req);
    if (!portal) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const invalid = applyPortal(admin.portals, portal, wrapped(req, 'portal'));
    return invalid ?? ok(portalView(store, records, portal, true));
  });

  onAccount(store, router, 'POST', '/portals/:slug/categories', (req) => {
    const portal = bySlug(req);
    if (!portal) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    const fields = wrapped(req, 'category');
    const name = typeof fields.name === 'string' ? fields.name.trim() : '';
    const slug = typeof fields.slug === 'string' ? fields.slug : '';
    const locale = typeof fields.locale === 'string' ? fields.locale : portal.defaultLocale;
    if (name === '') return unprocessable(["Name can't be blank"], ['name']);
    if (slug === '') return unprocessable(["Slug can't be blank"], ['slug']);
    if (admin.categories.some((c) => c.portalId === portal.id && c.locale === locale && c.slug === slug)) {
      return unprocessable(['Slug has already been taken'], ['slug']);
    }
    const category: SimCategory = {
      id: admin.nextId('categories'), accountId: req.account.id, portalId: portal.id, name, slug, locale,
      description: typeof fields.description === 'string' ? fields.description : null,
      position: typeof fields.position === 'number' ? fields.position : null,
      parentCategoryId: typeof fields.parent_category_id === 'number' ? fields.parent_category_id : null,
      associatedCategoryId: typeof fields.associated_category_id === 'number' ? fields.associated_category_id : null,
    };
    admin.categories.push(category);
    return ok({ payload: categoryView(category) });
  });

  onAccount(store, router, 'POST', '/portals/:slug/articles', (req) => {
    const portal = bySlug(req);
    if (!portal) return RECORD_NOT_FOUND;
    const denied = requireAdministrator(req);
    if (denied) return denied;
    return createArticle(store, req, portal, wrapped(req, 'article'));
  });
}

function createArticle(store: ApplicationStore, req: AccountRequest, portal: SimPortal, fields: JsonObject): SimResponse {
  const admin = store.administration;
  const title = typeof fields.title === 'string' ? fields.title.trim() : '';
  if (title === '') return unprocessable(["Title can't be blank"], ['title']);
  // Rails enums take the name or the integer; anything else raises ArgumentError, a 500 in production.
  const status = fields.status === undefined || fields.status === null ? 'draft' : typeof fields.status === 'number' ? STATUSES[fields.status] : STATUSES.find((s) => s === fields.status);
  if (!status) return { status: 500, body: { status: 500, error: 'Internal Server Error' } };
  const categoryId = typeof fields.category_id === 'number' ? fields.category_id : null;
  if (categoryId !== null && !admin.categories.some((c) => c.id === categoryId && c.portalId === portal.id)) {
    return unprocessable(['Category must exist'], ['category']);
  }
  const now = new Date();
  const slug = typeof fields.slug === 'string' && fields.slug !== '' ? fields.slug : `${Math.floor(now.getTime() / 1000)}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
  const article: SimArticle = {
    id: admin.nextId('articles'), accountId: req.account.id, portalId: portal.id, categoryId,
    authorId: typeof fields.author_id === 'number' ? fields.author_id : req.user.id,
    title, slug,
    description: typeof fields.description === 'string' ? fields.description : null,
    content: typeof fields.content === 'string' ? fields.content : null,
    status,
    locale: typeof fields.locale === 'string' ? fields.locale : portal.defaultLocale,
    position: typeof fields.position === 'number' ? fields.position : null,
    views: 0,
    updatedAt: now,
  };
  admin.articles.push(article);
  return ok({ payload: articleView(article) });
}

function applyPortal(all: SimPortal[], portal: SimPortal, fields: JsonObject) {
  const name = typeof fields.name === 'string' ? fields.name.trim() : portal.name;
  const slug = typeof fields.slug === 'string' ? fields.slug : portal.slug;
  if (name === '') return unprocessable(["Name can't be blank"], ['name']);
  if (slug === '') return unprocessable(["Slug can't be blank"], ['slug']);
  if (!SLUG.test(slug)) return unprocessable(['Slug is invalid'], ['slug']);
  if (all.some((other) => other !== portal && other.slug === slug)) return unprocessable(['Slug has already been taken'], ['slug']);
  portal.name = name;
  portal.slug = slug;
  const text = (key: string, set: (value: string | null) => void) => {
    if (typeof fields[key] === 'string' || fields[key] === null) set(fields[key] as string | null);
  };
  text('color', (v) => (portal.color = v));
  text('custom_domain', (v) => (portal.customDomain = v));
  text('header_text', (v) => (portal.headerText = v));
  text('homepage_link', (v) => (portal.homepageLink = v));
  text('page_title', (v) => (portal.pageTitle = v));
  if (typeof fields.archived === 'boolean') portal.archived = fields.archived;
  const config = fields.config;
  if (config !== null && typeof config === 'object' && !Array.isArray(config)) {
    const { default_locale: locale, allowed_locales: locales } = config as JsonObject;
    if (typeof locale === 'string') portal.defaultLocale = locale;
    if (Array.isArray(locales)) portal.allowedLocales = locales.map(String);
  }
  return null;
}
