import { type BinaryToTextEncoding, createHash as nodeCreateHash, type Hash } from 'node:crypto';
import * as apolloCreateHash from '@apollo/utils.createhash';
import { BoundedCache } from './boundedCache';

/** The most query texts whose SHA-256 is kept; a cache miss costs only the hash Apollo would compute anyway. */
export const MAX_REMEMBERED_QUERY_HASHES = 1_000;

/** Longer texts are hashed every time: keeping them would let a client fill memory with a few large queries. */
export const MAX_REMEMBERED_QUERY_LENGTH = 16 * 1024;

/** What Apollo uses of a hash: updates, then a digest. */
interface HashLike {
  update(data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding): HashLike;
  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
}

const remembered = new BoundedCache<string, string>(MAX_REMEMBERED_QUERY_HASHES);

/**
 * Apollo Server hashes the text of every request with SHA-256 (the key of its validated-document store and of
 * persisted queries), through `@apollo/utils.createhash`, which looks up `crypto` with `require` on each call and
 * builds a stream-backed Hash object: about 4 µs of CPU per request on the bench machine (bench/RESULTS.md), for a
 * text that is nearly always one of a handful an application sends.
 *
 * This replaces that module's export with one that remembers the digests of recent query texts. Apollo reads the
 * export at each call, so it takes effect without a patch. Anything other than one string update followed by a hex
 * digest (other algorithms, the schema hash, binary digests) goes to node:crypto as before, and a text is looked up
 * by its exact characters, so a digest can only ever be the SHA-256 of the text it is returned for.
 * Idempotent; the gateway calls it before Apollo starts.
 */
export function rememberQueryHashes(): void {
  // The module's export is a plain writable property (CommonJS); its type declaration only says it is read-only.
  const exports = apolloCreateHash as { createHash: typeof apolloCreateHash.createHash };
  // Apollo uses only update() and digest() of what it gets, which is all the remembering hash has.
  exports.createHash = createRememberingHash as unknown as typeof apolloCreateHash.createHash;
}

function createRememberingHash(kind: string): HashLike {
  return kind === 'sha256' ? new RememberingSha256() : (nodeCreateHash(kind) as HashLike);
}

/** A SHA-256 of one string, answered from memory when the string was hashed lately; a real Hash otherwise. */
class RememberingSha256 implements HashLike {
  private text: string | undefined;
  private real: Hash | undefined;

  update(data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding): this {
    if (this.real === undefined && this.text === undefined && typeof data === 'string' && encoding === undefined) {
      this.text = data;
      return this;
    }
    this.toReal();
    if (typeof data === 'string') this.real!.update(data, encoding ?? 'utf8');
    else this.real!.update(data);
    return this;
  }

  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
  digest(encoding?: BinaryToTextEncoding): string | Buffer {
    const text = this.text;
    if (encoding !== 'hex' || text === undefined || this.real !== undefined || text.length > MAX_REMEMBERED_QUERY_LENGTH) {
      this.toReal();
      return encoding === undefined ? this.real!.digest() : this.real!.digest(encoding);
    }
    const known = remembered.get(text);
    if (known !== undefined) return known;
    const digest = nodeCreateHash('sha256').update(text).digest('hex');
    remembered.set(text, digest);
    return digest;
  }

  private toReal(): void {
    if (this.real !== undefined) return;
    this.real = nodeCreateHash('sha256');
    if (this.text !== undefined) this.real.update(this.text);
    this.text = undefined;
  }
}
