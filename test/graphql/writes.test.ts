import { countRequestWrites, writeRefusal } from '../../src/graphql/writes';

/** Counting a request's writes from its document and variables, before anything runs. */
describe('countRequestWrites', () => {
  const count = (query: string, variables?: Record<string, unknown>, operationName?: string) => {
    const counted = countRequestWrites({ query, variables, operationName }, 10_000);
    if (!counted) throw new Error('a document with its text is always counted');
    return counted;
  };
  const list = (n: number) => Array.from({ length: n }, () => ({}));

  it('counts nothing for a query, without parsing a document that does not mention mutations', () => {
    expect(count('{ contact(inboxIdentifier: "a", contactIdentifier: "b") { id } }')).toEqual({ writes: 0, bulkItems: 0, largestBulkField: 0 });
  });

  it('counts one write per mutation field and one per item of a bulk list, variables by their length', () => {
    const query = `mutation($items: [UpdateContactItemInput!]!) {
      a: updateContacts(items: $items) { index }
      b: updateContacts(items: $items) { index }
      one: updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: {}) { id }
      __typename
    }`;
    expect(count(query, { items: list(7) })).toEqual({ writes: 15, bulkItems: 14, largestBulkField: 7 });
  });

  it('counts inline lists, a single value as a list of one, and a declared default when the variable is left out', () => {
    const inline = 'mutation { updateContacts(items: [{}, {}, {}]) { index } }';
    expect(count(inline).bulkItems).toBe(3);
    expect(count('mutation($i: UpdateContactItemInput!) { updateContacts(items: $i) { index } }', { i: {} }).bulkItems).toBe(1);
    const withDefault = 'mutation($items: [UpdateContactItemInput!]! = [{}, {}]) { updateContacts(items: $items) { index } }';
    expect(count(withDefault).bulkItems).toBe(2);
  });

  it('counts a repeated document again by the variables each request sends, and a fixed one the same every time', () => {
    const bulk = 'mutation($items: [UpdateContactItemInput!]!) { updateContacts(items: $items) { index } x: updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: {}) { id } }';
    expect(count(bulk, { items: list(3) })).toEqual({ writes: 4, bulkItems: 3, largestBulkField: 3 });
    expect(count(bulk, { items: list(9) })).toEqual({ writes: 10, bulkItems: 9, largestBulkField: 9 });
    const fixed = 'mutation { a: updateContact(inboxIdentifier: "i", contactIdentifier: "c", input: {}) { id } b: updateContact(inboxIdentifier: "i", contactIdentifier: "d", input: {}) { id } }';
    expect(count(fixed)).toEqual({ writes: 2, bulkItems: 0, largestBulkField: 0 });
    expect(count(fixed, { unused: list(5) })).toEqual({ writes: 2, bulkItems: 0, largestBulkField: 0 });
  });

  it('follows fragments and inline fragments at the top of the mutation, each fragment once', () => {
    const query = `
      mutation M($items: [UpdateContactItemInput!]!) { ...F ...F ... on Mutation { c: updateContacts(items: $items) { index } } }
      fragment F on Mutation { f: updateContacts(items: $items) { index } }`;
    expect(count(query, { items: list(4) }).bulkItems).toBe(8);
  });

  it('counts only the operation named by operationName', () => {
    const query = `
      mutation A($items: [UpdateContactItemInput!]!) { updateContacts(items: $items) { index } }
      query B { __typename }`;
    expect(count(query, { items: list(5) }, 'A').writes).toBe(5);
    expect(count(query, { items: list(5) }, 'B').writes).toBe(0);
  });

  it('cannot count a persisted query sent by hash alone, and says so with null', () => {
    expect(countRequestWrites({ extensions: {} } as never, 10_000)).toBeNull();
  });
});

describe('writeRefusal', () => {
  it('names the limit a count exceeds: one field, all fields together, then the budget', () => {
    expect(writeRefusal({ writes: 30, bulkItems: 30, largestBulkField: 30 }, 20, 100, 100)?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
    expect(writeRefusal({ writes: 30, bulkItems: 30, largestBulkField: 15 }, 20, 100, 100)?.extensions).toEqual({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'bulk_items',
      maximum: 20,
    });
    expect(writeRefusal({ writes: 30, bulkItems: 10, largestBulkField: 10 }, 20, 25, 25)?.extensions).toEqual({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'upstream_calls',
      maximum: 25,
    });
    expect(writeRefusal({ writes: 25, bulkItems: 20, largestBulkField: 10 }, 20, 25, 25)).toBeUndefined();
  });
});
