import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema } from '../../src/graphql/schema';
import {
  ALL_OPERATIONS,
  OPERATIONS_TABLE_END,
  OPERATIONS_TABLE_START,
  renderOperationsTable,
} from '../../src/graphql/operations';

const README = join(__dirname, '..', '..', 'README.md');

/** The README block between the markers. `npm run docs:operations` rewrites it from src/graphql/operations.ts. */
function tableInReadme(text: string): string | null {
  const start = text.indexOf(OPERATIONS_TABLE_START);
  const end = text.indexOf(OPERATIONS_TABLE_END);
  return start === -1 || end < start ? null : text.slice(start + OPERATIONS_TABLE_START.length, end).trim();
}

describe('README operations table', () => {
  if (process.env.UPDATE_README === '1') {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(OPERATIONS_TABLE_START);
    const end = text.indexOf(OPERATIONS_TABLE_END);
    if (start !== -1 && end > start) {
      writeFileSync(README, `${text.slice(0, start + OPERATIONS_TABLE_START.length)}\n${renderOperationsTable()}\n${text.slice(end)}`);
    }
  }

  it('is exactly the table rendered from the operations list', () => {
    expect(tableInReadme(readFileSync(README, 'utf8'))).toBe(renderOperationsTable());
  });

  it('names only fields that exist in the schema, with an options argument', () => {
    const schema = buildGatewaySchema();
    for (const { field } of ALL_OPERATIONS) {
      const [typeName, fieldName] = field.split('.') as [string, string];
      const type = schema.getType(typeName);
      const fields = type && 'getFields' in type ? type.getFields() : {};
      const definition = fields[fieldName];
      expect({ field, exists: Boolean(definition) }).toEqual({ field, exists: true });
      expect({ field, options: definition && 'args' in definition ? definition.args.some((a) => a.name === 'options') : false }).toEqual({
        field,
        options: true,
      });
    }
  });
});
