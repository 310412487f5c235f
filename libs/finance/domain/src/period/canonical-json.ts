import { createHash } from 'node:crypto';
import { sortedKeysJson } from '@itsm/event-sourcing';

/**
 * The canonical JSON of a value (what a statement's content hash is taken over): no whitespace; object keys sorted
 * by UTF-16 code units (JavaScript's default sort), a key whose value is `undefined` left out; arrays in their
 * order; strings as `JSON.stringify` writes them; numbers only as safe integers (money is always a decimal string);
 * `true`, `false`, `null`. Anything else (a float, NaN, a bigint, a function) is refused: it has no one canonical text.
 */
export const canonicalJson = (value: unknown): string => sortedKeysJson(value) ?? canonicalJsonByHand(value);

/** The same text written by hand: for what `sortedKeysJson` leaves (refused here, or an object with a toJSON member). */
const canonicalJsonByHand = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`Canonical JSON takes integers only, not ${value}`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        let text = '[';
        for (let index = 0; index < value.length; index++) text += (index === 0 ? '' : ',') + canonicalJsonByHand(value[index]);
        return `${text}]`;
      }
      const record = value as Record<string, unknown>;
      // sort() without a comparator orders by UTF-16 code units.
      const keys = Object.keys(record).sort();
      let text = '{';
      for (const key of keys) {
        const entry = record[key];
        if (entry === undefined) continue;
        text += (text.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJsonByHand(entry);
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`Canonical JSON cannot hold a ${typeof value}`);
  }
};

/**
 * A copy of a plain object with its members in canonical order (sorted keys). A statement's lines are written as
 * canonical JSON three times at publish (its hash, the chain's hash, the stored text): lines already in that order
 * are written as they are, not copied by the writer each time.
 */
export const inCanonicalOrder = <T extends object>(value: T): T => {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) copy[key] = (value as Record<string, unknown>)[key];
  return copy as T;
};

/** sha256 (lower-case hex) of the UTF-8 bytes of the value's canonical JSON. */
export const sha256OfCanonicalJson = (value: unknown): string => createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/** sha256 (hex) of lines of text joined by "\n" (the fingerprints of a run's ledger and usage inputs). */
export const sha256OfLines = (lines: Iterable<string>): string => {
  const hash = createHash('sha256');
  // Fed in batches of about 64 KiB: one update per line is most of the cost for 100,000 ledger lines.
  let batch = '';
  let first = true;
  for (const line of lines) {
    batch += first ? line : `\n${line}`;
    first = false;
    if (batch.length >= 65_536) {
      hash.update(batch, 'utf8');
      batch = '';
    }
  }
  hash.update(batch, 'utf8');
  return hash.digest('hex');
};
