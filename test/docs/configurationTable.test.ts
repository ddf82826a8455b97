import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';

/** Every variable loadConfig reads: it is handed an environment that records each name asked for. */
function variablesConfigReads(): string[] {
  const read = new Set<string>();
  loadConfig(
    new Proxy({} as Record<string, string | undefined>, {
      get(_target, name) {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    }),
  );
  return [...read];
}

describe('README configuration table', () => {
  it('documents every variable the gateway reads', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Errors'));
    // The lower-case proxy spellings are documented with the upper-case row ("lower-case spellings too").
    const missing = variablesConfigReads().filter((name) => !table.includes(`\`${name.toUpperCase()}\``));
    expect(missing).toEqual([]);
  });
});
