import type { UploadFile } from '../chatwoot/types';
import type { Resolvers } from '../generated/graphql';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTime, GraphQLEmailAddress, GraphQLJSON, GraphQLJSONObject, RegularExpression } from 'graphql-scalars';

/** A value refused by one of the gateway's scalars; the error boundary reports it as BAD_USER_INPUT. */
export class InvalidScalarValueError extends GraphQLError {}

/**
 * Re-throws whatever a scalar's parser throws as InvalidScalarValueError, so that an invalid value written inline in
 * a document is reported as bad input (like the same value passed as a variable) rather than as an invalid document.
 */
function markingInvalidValues<T extends GraphQLScalarType>(scalar: T): GraphQLScalarType {
  const config = scalar.toConfig();
  const wrap =
    <A extends unknown[], R>(parse: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return parse(...args);
      } catch (error) {
        if (error instanceof InvalidScalarValueError) throw error;
        throw new InvalidScalarValueError(error instanceof Error ? error.message : String(error));
      }
    };
  return new GraphQLScalarType({ ...config, parseValue: wrap(config.parseValue), parseLiteral: wrap(config.parseLiteral) });
}

/** E.164: a plus, a country code that cannot start with 0, 15 digits at most. Chatwoot itself checks `\+[1-9]\d{1,14}`. */
const E164 = /^\+[1-9]\d{1,14}$/;

const E164Regex = new RegularExpression('E164PhoneNumber', E164, {
  stringOnly: true,
  errorMessage: (_regex, value) =>
    `Value is not a valid E.164 phone number: ${String(value)}. Use a plus sign, the country code and the number, ` +
    'with no spaces, such as +14155550123.',
});

export const E164PhoneNumber = markingInvalidValues(E164Regex);

/** File endings that name an image Chatwoot can use as an avatar. */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp']);
const MAX_URL_LENGTH = 2048;

/**
 * An http(s) URL of an image. Parsing is the WHATWG URL parser's; on top of it we refuse other schemes (`javascript:`,
 * `file:`, `data:`...) and a path that plainly names a non-image file. A path with no extension is accepted,
 * because many avatar services (Gravatar among them) serve images from such URLs.
 */
export const ImageUrl = markingInvalidValues(new GraphQLScalarType<string, string>({
  name: 'ImageUrl',
  serialize: (value) => String(value),
  parseValue: (value) => parseImageUrl(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`ImageUrl must be a string, not ${ast.kind}.`);
    return parseImageUrl(ast.value);
  },
}));

function parseImageUrl(value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError('ImageUrl must be a string.');
  if (value.length > MAX_URL_LENGTH) throw new GraphQLError(`ImageUrl must be at most ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GraphQLError(`Value is not a valid URL: ${value}. Use an absolute http:// or https:// URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GraphQLError(`ImageUrl must use http:// or https://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new GraphQLError('ImageUrl must name a host.');
  const lastSegment = url.pathname.split('/').pop() ?? '';
  const dot = lastSegment.lastIndexOf('.');
  if (dot > 0) {
    const extension = lastSegment.slice(dot + 1).toLowerCase();
    if (!IMAGE_EXTENSIONS.has(extension)) {
      throw new GraphQLError(
        `ImageUrl must point to a JPEG or PNG image (GIF and WebP also work), not a .${extension} file.`,
      );
    }
  }
  return value;
}

/**
 * A file of a GraphQL multipart request. src/http/multipart.ts has already put the UploadFile where the variable was;
 * anything else (a JSON value, an inline literal) is refused, so a file can only arrive as an uploaded part.
 */
export const Upload = markingInvalidValues(new GraphQLScalarType<UploadFile, never>({
  name: 'Upload',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar.');
  },
  parseValue: (value) => {
    const file = value as Partial<UploadFile> | null;
    if (file && typeof file === 'object' && Buffer.isBuffer(file.content) && typeof file.filename === 'string' && typeof file.mimeType === 'string') {
      return file as UploadFile;
    }
    throw new GraphQLError(UPLOAD_HOW);
  },
  parseLiteral: () => {
    throw new GraphQLError(UPLOAD_HOW);
  },
}));

const UPLOAD_HOW =
  'Upload values must be sent as file parts of a GraphQL multipart request (with the apollo-require-preflight header), ' +
  'the variable set to null in `operations` and named in `map`.';

/**
 * Every custom scalar of the schema, by the name the SDL gives it. Only their parsing functions are used: the schema
 * builder (subgraph.ts) keeps the names and descriptions written in schema/, the source of truth.
 */
export const scalarResolvers: Resolvers = {
  EmailAddress: markingInvalidValues(GraphQLEmailAddress),
  E164PhoneNumber,
  ImageUrl,
  JSONObject: markingInvalidValues(GraphQLJSONObject),
  JSON: markingInvalidValues(GraphQLJSON),
  // The adapter already hands out ISO 8601 strings (Chatwoot sends Unix seconds); the library checks what callers send.
  DateTime: markingInvalidValues(GraphQLDateTime),
  Upload,
};
