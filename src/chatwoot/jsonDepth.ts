/**
 * Chatwoot's answers are shallow (a contact's custom attributes are one or two levels), but whatever is parsed is
 * later walked recursively: by the JSON scalars and by Apollo's pretty-printing JSON.stringify, which overflows the
 * stack on a few thousand levels and fails the whole response. So an answer nested deeper than this is refused as
 * unusable before it is parsed, and only the field that read it fails.
 */
export const MAX_UPSTREAM_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects and arrays deeper than `max`. One pass over the characters, skipping strings, so
 * it costs about as much as a copy of the text; it does not validate the JSON (JSON.parse does).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  // Nesting deeper than `max` needs more than `max` opening brackets. Counting them with the native indexOf is
  // several times cheaper than the character loop below, which costs more than JSON.parse of a typical answer.
  if (countUpTo(text, '{', max + 1) + countUpTo(text, '[', max + 1) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** How often `char` occurs in `text`, counting no further than `limit`. */
function countUpTo(text: string, char: string, limit: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && count < limit; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}
