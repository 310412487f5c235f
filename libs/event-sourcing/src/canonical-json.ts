import { canonicalize } from 'json-canonicalize';
import { sortedKeysJson } from './sorted-keys-json';

/**
 * RFC 8785 (JCS) canonical JSON of a value, exactly as `json-canonicalize` writes it, but without its bookkeeping
 * for paths and cycles: events are plain JSON, so this runs about twice as fast (the hash chain canonicalizes every
 * appended event: a period's statements hold tens of thousands of lines), and plain data by `sortedKeysJson` (JSON.stringify
 * with sorted keys, faster still). Anything that is not plain JSON (a `toJSON`, a function, a bigint) is handed to
 * the library, so the result is the same for every input (a property spec checks it).
 */
export const canonicalJson = (value: unknown): string => sortedKeysJson(value) ?? canonicalJsonByHand(value);

const canonicalJsonByHand = (value: unknown): string => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) return canonicalize(value);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      // As the library: any `toJSON` member (even one that is not a function) is left to it.
      if ((value as { toJSON?: unknown }).toJSON != null) return canonicalize(value);
      return canonicalObject(value as Record<string, unknown>);
    default:
      return canonicalize(value);
  }
};

const canonicalArray = (values: readonly unknown[]): string => {
  let text = '[';
  let first = true;
  for (let i = 0; i < values.length; i++) {
    // As the library (Array.prototype.forEach): a hole is skipped, an undefined element is written as null.
    if (!(i in values)) continue;
    if (!first) text += ',';
    first = false;
    text += values[i] === undefined ? 'null' : canonicalJsonByHand(values[i]);
  }
  return `${text}]`;
};

const canonicalObject = (object: Record<string, unknown>): string => {
  // Default sort: UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = object[key];
    if (member === undefined) continue;
    if (!first) text += ',';
    first = false;
    text += `${JSON.stringify(key)}:${canonicalJsonByHand(member)}`;
  }
  return `${text}}`;
};
