/**
 * The explorer's HTML page, its start-up script and the example tabs it opens with. Kept apart from the routing in
 * explorer.ts so that what a developer sees first can be read (and changed) in one place.
 */

/** The records the example operations use: the simulator's demo inbox and contact when it runs. */
export interface ExplorerExample {
  readonly inboxIdentifier: string;
  readonly contactIdentifier: string;
}

/** Shown when the gateway talks to a real Chatwoot: the developer fills in their own inbox and contact. */
export const PLACEHOLDER_EXAMPLE: ExplorerExample = {
  inboxIdentifier: 'your-inbox-identifier',
  contactIdentifier: 'your-contact-source-id',
};

/** The asset file names the page refers to; explorer.ts maps each to a file or to START_SCRIPT. */
export const PAGE_ASSETS = {
  css: 'graphiql.css',
  bundle: 'graphiql.js',
  start: 'start.js',
} as const;

/** One editor tab of GraphiQL: an operation and its variables (JSON text). */
interface ExampleTab {
  query: string;
  variables: string;
}

const CONTACT_FIELDS = 'id\n    sourceId\n    inboxIdentifier\n    name\n    email\n    phoneNumber\n    customAttributes';

/** The tabs the explorer opens with: the updateContact mutation first, then the contact query. */
export function exampleTabs(example: ExplorerExample): ExampleTab[] {
  const address = { inboxIdentifier: example.inboxIdentifier, contactIdentifier: example.contactIdentifier };
  return [
    {
      query: [
        '# Changes a contact through an inbox of the Client API.',
        '# Run it with the play button or Ctrl-Enter.',
        '# Variables: the inbox and the contact (its source id).',
        '# Headers: an api-access-token, if the gateway has none.',
        'mutation UpdateContact($inboxIdentifier: String!, $contactIdentifier: String!, $input: UpdateContactInput!) {',
        '  updateContact(inboxIdentifier: $inboxIdentifier, contactIdentifier: $contactIdentifier, input: $input) {',
        `    ${CONTACT_FIELDS}`,
        '  }',
        '}',
        '',
      ].join('\n'),
      variables: JSON.stringify({ ...address, input: { name: 'Alice Example', email: 'alice@example.org' } }, null, 2),
    },
    {
      query: [
        '# Reads the same contact back.',
        'query Contact($inboxIdentifier: String!, $contactIdentifier: String!) {',
        '  contact(inboxIdentifier: $inboxIdentifier, contactIdentifier: $contactIdentifier) {',
        `    ${CONTACT_FIELDS}`,
        '  }',
        '}',
        '',
      ].join('\n'),
      variables: JSON.stringify(address, null, 2),
    },
    {
      query: [
        '# Live events of the contact\'s conversation #1, over WebSocket (graphql-ws).',
        '# Run it, then send a message to that conversation (sendMessage) or reply',
        '# as an agent in Chatwoot, and watch the events arrive. Stop it with the same button.',
        'subscription ConversationEvents($inboxIdentifier: String!, $contactIdentifier: String!, $displayId: Int) {',
        '  conversationEvents(inboxIdentifier: $inboxIdentifier, contactIdentifier: $contactIdentifier, displayId: $displayId) {',
        '    kind',
        '    displayId',
        '    message { id content messageType createdAt sender { type name } }',
        '    conversation { displayId status }',
        '  }',
        '}',
        '',
      ].join('\n'),
      variables: JSON.stringify({ ...address, displayId: 1 }, null, 2),
    },
  ];
}

/**
 * The page. Everything it loads is relative to the GraphQL endpoint's own URL (`<assetDir>` is e.g.
 * `graphql/explorer/`), so it keeps working behind a reverse proxy that mounts the gateway under a prefix.
 * The options travel as inert JSON rather than inline script, which lets the Content-Security-Policy forbid
 * inline scripts altogether.
 */
export function renderExplorerPage(assetDir: string, example: ExplorerExample): string {
  const tabs = exampleTabs(example);
  const options = {
    title: 'Chatwoot GraphQL Gateway',
    logo: '',
    defaultTabs: tabs,
    // Yoga's wrapper puts its own welcome text in the first tab unless given a query; give it ours.
    query: tabs[0]?.query,
    variables: tabs[0]?.variables,
    // A token typed into the Headers tab must not outlive the browser tab in localStorage.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'variables',
    // Subscriptions go over graphql-ws to this same URL (ws:// or wss://), where the gateway serves them.
    subscriptionsProtocol: 'WS',
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chatwoot GraphQL Gateway · Explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetDir}${PAGE_ASSETS.css}">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<noscript>The explorer needs JavaScript. GraphQL itself is served at this same URL over POST.</noscript>
<div id="explorer">Loading the explorer…</div>
<script type="application/json" id="explorer-options">${jsonForScript(options)}</script>
<script src="${assetDir}${PAGE_ASSETS.bundle}"></script>
<script src="${assetDir}${PAGE_ASSETS.start}"></script>
</body>
</html>
`;
}

/**
 * Starts GraphiQL. Monaco, its editor, runs its language services in web workers; it asks
 * MonacoEnvironment for each one by label, and we hand it the worker bundles served next to this script
 * (the bundle otherwise has no idea where they are, and Yoga's own page fetches them from a CDN).
 */
export const START_SCRIPT = `(function () {
  'use strict';
  var assetDir = document.currentScript.src.replace(/[^/]*$/, '');
  var workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorker: function (_moduleId, label) {
      return new Worker(assetDir + (workers[label] || workers.editorWorkerService), { name: label });
    }
  };
  var options = JSON.parse(document.getElementById('explorer-options').textContent);
  // History and the query builder, when the served bundle exposes them (see explorerBundle.ts).
  if (YogaGraphiQL.historyPlugin && YogaGraphiQL.explorerPlugin) {
    options.plugins = [YogaGraphiQL.historyPlugin, YogaGraphiQL.explorerPlugin({ showAttribution: true })];
  }
  var root = document.getElementById('explorer');
  root.textContent = '';
  YogaGraphiQL.renderYogaGraphiQL(root, options);
})();
`;

/** JSON that cannot close the <script> element it sits in, whatever strings it carries. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
