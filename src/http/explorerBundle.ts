/**
 * @graphql-yoga/graphiql's browser bundle renders GraphiQL with one plugin, the query builder, and so drops the
 * History panel that GraphiQL shows by default. Both plugin objects are in the bundle, but it exports only
 * `renderYogaGraphiQL`. We add two more exports to the served copy, `historyPlugin` and `explorerPlugin`, so that
 * start.js can pass `plugins: [history, explorer]`.
 *
 * The bundle is minified, so the names are found by shape. The dependency is pinned to an exact version; if an
 * upgrade changes the shapes, the bundle is served unchanged (the explorer works, without History) and the browser
 * test, which opens the History panel, fails.
 */

const HISTORY_PLUGIN = /const ([\w$]+)=\{title:"History",icon:[\w$]+,content:[\w$]+\}/;
const EXPLORER_PLUGIN = /=([\w$]+)\(\{showAttribution:!0\}\)/;
const EXPORT = /([\w$]+)\.renderYogaGraphiQL=([\w$]+)/;

/** Returns the bundle with the two plugins exported, or unchanged when it does not have the expected shape. */
export function exposePlugins(bundle: string): string {
  const history = HISTORY_PLUGIN.exec(bundle)?.[1];
  const explorer = EXPLORER_PLUGIN.exec(bundle)?.[1];
  const exported = EXPORT.exec(bundle);
  if (!history || !explorer || !exported) return bundle;
  const [statement, exportsObject] = exported;
  // A function, so that a `$` in a minified name is not read as a replacement pattern.
  return bundle.replace(
    statement,
    () => `${exportsObject}.historyPlugin=${history},${exportsObject}.explorerPlugin=${explorer},${statement}`,
  );
}
