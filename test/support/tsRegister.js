/**
 * Lets a child `node` process run the TypeScript sources directly (`node -r ./test/support/tsRegister.js src/main.ts`),
 * so the graceful-shutdown test can send real signals to a real gateway process without a build step. Each .ts file
 * is transpiled on load with TypeScript's transpileModule (no type check: `npm test` type-checks separately).
 */
'use strict';
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
    },
  });
  module._compile(outputText, filename);
};
