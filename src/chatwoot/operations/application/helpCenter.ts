import { definedFields, idOrNull, listOf, recordOf } from '../../decode';
import { defineOperation, recordId } from '../../operation';
import { booleanOrNull, numberOrNull, objectOrNull, stringOrNull } from '../../records';
import type { JsonObject } from '../../types';
import { ACCOUNT_PATH, type AccountArgs, APPLICATION } from './common';
import { type InboxSummaryRecord, toInboxSummary } from './inboxes';

/**
 * A help-center portal, addressed by its slug (erratum E15). Chatwoot embeds the portal's whole inbox, with the
 * inbox's HMAC token and secret for administrators: only the inbox summary is read from it.
 */
export interface PortalRecord {
  id: string;
  accountId: string | null;
  slug: string | null;
  name: string | null;
  color: string | null;
  customDomain: string | null;
  headerText: string | null;
  homepageLink: string | null;
  pageTitle: string | null;
  archived: boolean | null;
  defaultLocale: string | null;
  allowedLocales: string[];
  inbox: InboxSummaryRecord | null;
}

export interface HelpCenterCategoryRecord {
  id: string;
  portalId: string | null;
  name: string | null;
  slug: string | null;
  description: string | null;
  locale: string | null;
  position: number | null;
  parentCategoryId: string | null;
  associatedCategoryId: string | null;
}

export interface HelpCenterArticleRecord {
  id: string;
  portalId: string | null;
  categoryId: string | null;
  authorId: string | null;
  title: string | null;
  slug: string | null;
  description: string | null;
  content: string | null;
  status: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED' | null;
  locale: string | null;
  position: number | null;
  views: number | null;
}

export interface PortalInput {
  name?: string | null;
  slug?: string | null;
  color?: string | null;
  customDomain?: string | null;
  headerText?: string | null;
  homepageLink?: string | null;
  pageTitle?: string | null;
  archived?: boolean | null;
  defaultLocale?: string | null;
  allowedLocales?: readonly string[] | null;
}

export interface CategoryInput {
  name?: string | null;
  slug?: string | null;
  description?: string | null;
  locale?: string | null;
  position?: number | null;
  icon?: string | null;
  parentCategoryId?: string | null;
  associatedCategoryId?: string | null;
}

export interface ArticleInput {
  title?: string | null;
  slug?: string | null;
  description?: string | null;
  content?: string | null;
  status?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED' | null;
  locale?: string | null;
  position?: number | null;
  categoryId?: string | null;
  authorId?: string | null;
  associatedArticleId?: string | null;
}

const ARTICLE_STATUSES = ['DRAFT', 'PUBLISHED', 'ARCHIVED'] as const;

/** Allowed locales come as codes or as `{code, articles_count, ...}` objects depending on the view. */
function localeCodes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (typeof item === 'string' ? item : stringOrNull(objectOrNull(item)?.code)))
    .filter((code): code is string => typeof code === 'string');
}

export function toPortal(raw: JsonObject): PortalRecord {
  const config = objectOrNull(raw.config);
  const inbox = objectOrNull(raw.inbox);
  const accountId = idOrNull(raw.account_id);
  return {
    id: idOrNull(raw.id) ?? '',
    accountId,
    slug: stringOrNull(raw.slug),
    name: stringOrNull(raw.name),
    color: stringOrNull(raw.color),
    customDomain: stringOrNull(raw.custom_domain),
    headerText: stringOrNull(raw.header_text),
    homepageLink: stringOrNull(raw.homepage_link),
    pageTitle: stringOrNull(raw.page_title),
    archived: booleanOrNull(raw.archived),
    defaultLocale: stringOrNull(config?.default_locale) ?? stringOrNull(objectOrNull(raw.meta)?.default_locale),
    allowedLocales: localeCodes(config?.allowed_locales),
    // Only the summary's fields: the embedded inbox partial holds the inbox's secrets for administrators.
    inbox: inbox && idOrNull(inbox.id) ? toInboxSummary(inbox, accountId ?? undefined) : null,
  };
}

export function toCategory(raw: JsonObject): HelpCenterCategoryRecord {
  return {
    id: idOrNull(raw.id) ?? '',
    portalId: idOrNull(raw.portal_id),
    name: stringOrNull(raw.name),
    slug: stringOrNull(raw.slug),
    description: stringOrNull(raw.description),
    locale: stringOrNull(raw.locale),
    position: numberOrNull(raw.position),
    parentCategoryId: idOrNull(raw.parent_category_id),
    associatedCategoryId: idOrNull(raw.associated_category_id),
  };
}

export function toArticle(raw: JsonObject): HelpCenterArticleRecord {
  const status = typeof raw.status === 'string' ? raw.status.toUpperCase() : typeof raw.status === 'number' ? ARTICLE_STATUSES[raw.status] : null;
  const category = objectOrNull(raw.category);
  const author = objectOrNull(raw.author);
  return {
    id: idOrNull(raw.id) ?? '',
    portalId: idOrNull(raw.portal_id),
    categoryId: idOrNull(raw.category_id) ?? idOrNull(category?.id),
    authorId: idOrNull(raw.author_id) ?? idOrNull(author?.id),
    title: stringOrNull(raw.title),
    slug: stringOrNull(raw.slug),
    description: stringOrNull(raw.description),
    content: stringOrNull(raw.content),
    status: (ARTICLE_STATUSES as readonly string[]).includes(status ?? '') ? (status as HelpCenterArticleRecord['status']) : null,
    locale: stringOrNull(raw.locale),
    position: numberOrNull(raw.position),
    views: numberOrNull(raw.views),
  };
}

function portalBody(args: { input: PortalInput }): JsonObject {
  const { defaultLocale, allowedLocales, ...fields } = args.input;
  const out = definedFields(fields, {
    name: 'name',
    slug: 'slug',
    color: 'color',
    customDomain: 'custom_domain',
    headerText: 'header_text',
    homepageLink: 'homepage_link',
    pageTitle: 'page_title',
    archived: 'archived',
  });
  if (defaultLocale || allowedLocales) {
    out.config = definedFields({ defaultLocale, allowedLocales }, { defaultLocale: 'default_locale', allowedLocales: 'allowed_locales' });
  }
  return out;
}

/** Copies optional id arguments as the integers Chatwoot's document types them, under Chatwoot's names. */
function withIds(out: JsonObject, ids: Readonly<Record<string, [value: string | null | undefined, argument: string]>>): JsonObject {
  for (const [name, [value, argument]] of Object.entries(ids)) {
    if (typeof value === 'string') out[name] = Number(recordId(value, argument));
  }
  return out;
}

function categoryBody(args: { input: CategoryInput }): JsonObject {
  const { parentCategoryId, associatedCategoryId, ...fields } = args.input;
  const out = definedFields(fields, { name: 'name', slug: 'slug', description: 'description', locale: 'locale', position: 'position', icon: 'icon' });
  return withIds(out, {
    parent_category_id: [parentCategoryId, 'parentCategoryId'],
    associated_category_id: [associatedCategoryId, 'associatedCategoryId'],
  });
}

function articleBody(args: { input: ArticleInput }): JsonObject {
  const { status, categoryId, authorId, associatedArticleId, ...fields } = args.input;
  const out = definedFields(fields, { title: 'title', slug: 'slug', description: 'description', content: 'content', locale: 'locale', position: 'position' });
  // The status column is a Rails enum (draft 0, published 1, archived 2): the document types it as the integer.
  if (status) out.status = ARTICLE_STATUSES.indexOf(status);
  return withIds(out, {
    category_id: [categoryId, 'categoryId'],
    author_id: [authorId, 'authorId'],
    associated_article_id: [associatedArticleId, 'associatedArticleId'],
  });
}

const PORTALS = `${ACCOUNT_PATH}/portals` as const;
const PORTAL = `${PORTALS}/{id}` as const;
const common = { ...APPLICATION, sets: 'both' } as const;
type PortalArgs = AccountArgs & { slug: string };
type CreatePortalArgs = AccountArgs & { input: PortalInput };
type UpdatePortalArgs = PortalArgs & { input: PortalInput };
type CategoryArgs = AccountArgs & { portalSlug: string; input: CategoryInput };
type ArticleArgs = AccountArgs & { portalSlug: string; input: ArticleInput };

// Erratum E15: the list is `{payload: [...], meta}`, update answers the bare portal, category and article creation
// answer `{payload: {...}}`; the decoders accept both forms. Every `{id}` of these paths is the portal's slug.
export const helpCenterOperations = {
  portals: defineOperation<AccountArgs>()({
    ...common,
    operationId: 'get-portal',
    method: 'GET',
    path: PORTALS,
    params: { account_id: 'accountId' },
    role: 'ANY',
    decode: listOf(toPortal),
    summary: "The account's help-center portals.",
  }),
  createPortal: defineOperation<CreatePortalArgs>()({
    ...common,
    operationId: 'add-new-portal-to-account',
    method: 'POST',
    path: PORTALS,
    params: { account_id: 'accountId' },
    role: 'ADMINISTRATOR',
    body: portalBody,
    decode: recordOf(toPortal),
    summary: 'Creates a help-center portal.',
  }),
  updatePortal: defineOperation<UpdatePortalArgs>()({
    ...common,
    operationId: 'update-portal-to-account',
    seedOperationId: 'update-new-portal-to-account',
    method: 'PATCH',
    path: PORTAL,
    params: { account_id: 'accountId', id: { segment: 'slug' } },
    role: 'ADMINISTRATOR',
    body: portalBody,
    decode: recordOf(toPortal),
    summary: 'Changes a portal, addressed by its slug.',
  }),
  createArticle: defineOperation<ArticleArgs>()({
    ...common,
    operationId: 'add-new-article-to-account',
    method: 'POST',
    path: `${PORTAL}/articles`,
    params: { account_id: 'accountId', id: { segment: 'portalSlug' } },
    role: 'ADMINISTRATOR',
    body: articleBody,
    decode: recordOf(toArticle),
    summary: 'Writes an article in a portal (a draft unless a status is given).',
  }),
  createCategory: defineOperation<CategoryArgs>()({
    ...common,
    operationId: 'add-new-category-to-account',
    method: 'POST',
    path: `${PORTAL}/categories`,
    params: { account_id: 'accountId', id: { segment: 'portalSlug' } },
    role: 'ADMINISTRATOR',
    body: categoryBody,
    decode: recordOf(toCategory),
    summary: 'Creates a category in a portal.',
  }),
};
