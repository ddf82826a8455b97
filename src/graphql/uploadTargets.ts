import {
  type DocumentNode,
  getNamedType,
  type GraphQLInputType,
  type GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  parse,
  typeFromAST,
} from 'graphql';
import type { UploadTargetCheck } from '../http/multipart';

/**
 * Where a file of a multipart request may go: only at a position of the operation's variables whose type is `Upload`
 * (a `[Upload!]` list's items, an input field of type Upload). Threat model: the multipart spec lets `map` name any
 * path of `operations`, so a file could otherwise land in a JSON scalar (`customAttributes`), where it is serialised
 * as JSON at four times its size, or in many places at once, multiplying what is sent upstream. The check runs on
 * the operations' own document and variable definitions, against the schema, before any file part is read.
 */

export type { UploadTargetCheck };

const UPLOAD_SCALAR = 'Upload';

/** Builds the check for `schema`; `maxTokens` bounds the parse of each operation's document, as Apollo's parser does. */
export function createUploadTargetCheck(schema: GraphQLSchema, maxTokens?: number): UploadTargetCheck {
  // One multipart request may name several paths of one operation: its document is parsed once.
  const parsed = new WeakMap<object, DocumentNode | string>();
  const documentOf = (operation: Record<string, unknown>): DocumentNode | string => {
    const cached = parsed.get(operation);
    if (cached) return cached;
    let result: DocumentNode | string;
    if (typeof operation.query !== 'string') {
      result = 'the operation has no `query` text to check its variables against';
    } else {
      try {
        result = parse(operation.query, { maxLexicalTokens: maxTokens, noLocation: true });
      } catch {
        result = 'the operation’s `query` does not parse';
      }
    }
    parsed.set(operation, result);
    return result;
  };

  return (operations, path) => {
    let keys = path.split('.');
    let operation: unknown = operations;
    if (Array.isArray(operations)) {
      operation = /^\d+$/.test(keys[0] ?? '') ? operations[Number(keys[0])] : undefined;
      keys = keys.slice(1);
    }
    if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) return 'it names no operation';
    if (keys[0] !== 'variables' || keys.length < 2) return 'files go only into `variables`';
    const document = documentOf(operation as Record<string, unknown>);
    if (typeof document === 'string') return document;
    const definition = selectOperation(document, (operation as Record<string, unknown>).operationName);
    if (!definition) return 'the document has no operation of that name';
    const variable = definition.variableDefinitions?.find((v) => v.variable.name.value === keys[1]);
    if (!variable) return `the operation declares no variable $${keys[1]}`;
    const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
    if (!type) return `the type of $${keys[1]} is not in the schema`;
    return isUploadPosition(type, keys.slice(2)) ? null : 'that place of the variables is not of type Upload';
  };
}

function selectOperation(document: DocumentNode, operationName: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (typeof operationName === 'string' && operationName !== '') return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Walks `keys` (input fields and list indices) down from `type`; true when they end exactly on an Upload. */
function isUploadPosition(type: GraphQLInputType, keys: readonly string[]): boolean {
  let current: GraphQLInputType = type;
  for (const key of keys) {
    if (isNonNullType(current)) current = current.ofType;
    if (isListType(current)) {
      if (!/^\d+$/.test(key)) return false;
      current = current.ofType as GraphQLInputType;
    } else if (isInputObjectType(current)) {
      const field = Object.hasOwn(current.getFields(), key) ? current.getFields()[key] : undefined;
      if (!field) return false;
      current = field.type;
    } else {
      // A scalar or an enum has no places inside it: a JSON scalar in particular is not a container for files.
      return false;
    }
  }
  if (isNonNullType(current)) current = current.ofType;
  return !isListType(current) && getNamedType(current).name === UPLOAD_SCALAR;
}
