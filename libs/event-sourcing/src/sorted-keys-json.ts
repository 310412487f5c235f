/** Thrown inside JSON.stringify when the value is not the plain data `sortedKeysJson` writes. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON data');

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** A key an object would list before its other keys whatever the insertion order (array indices), or a setter. */
const keyOutOfInsertionOrder = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return (first >= 48 && first <= 57) || key === '__proto__';
};

const inKeyOrder = (keys: readonly string[]): boolean => {
  for (let index = 1; index < keys.length; index++) if (!(keys[index - 1] < keys[index])) return false;
  return true;
};

/** Each object's members in UTF-16 code unit order of their keys (a copy only when they are not in it already). */
function sortedMembers(this: Record<string, unknown> | unknown[], key: string, value: unknown): unknown {
  // `this[key]` is the value before any toJSON: one that has it is written by the caller's own writer.
  if ((this as Record<string, unknown>)[key] !== value) throw NOT_PLAIN;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isSafeInteger(value)) throw NOT_PLAIN;
      return value;
    case 'undefined':
      // An undefined member is left out by every writer; an undefined or missing array element is not written alike.
      if (Array.isArray(this)) throw NOT_PLAIN;
      return value;
    case 'object': {
      if (value === null || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      // A toJSON member, even one that is not a function, is the caller's writer's to interpret.
      if (!isPlainObject(value) || record['toJSON'] !== undefined) throw NOT_PLAIN;
      const keys = Object.keys(record);
      if (inKeyOrder(keys)) return value;
      keys.sort();
      const copy: Record<string, unknown> = {};
      for (const member of keys) {
        if (keyOutOfInsertionOrder(member)) throw NOT_PLAIN;
        copy[member] = record[member];
      }
      return copy;
    }
    default:
      throw NOT_PLAIN;
  }
}

/** Deeper than this (or a cycle) is left to the replacer, and to JSON.stringify's own refusal of a cycle. */
const MAX_DEPTH_CHECKED = 100;

/**
 * Whether `JSON.stringify` alone writes this value as `sortedMembers` would have it: plain data whose every object
 * already lists its keys in order (a writer that drafts its data so, like finance's statements, pays no replacer call
 * per value). Anything else answers false, for the replacer to sort or refuse.
 */
const alreadySorted = (value: unknown, depth = 0): boolean => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isSafeInteger(value);
    case 'object': {
      if (value === null) return true;
      if (depth >= MAX_DEPTH_CHECKED) return false;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) if (!(index in value) || value[index] === undefined || !alreadySorted(value[index], depth + 1)) return false;
        return true;
      }
      const record = value as Record<string, unknown>;
      if (!isPlainObject(value) || record['toJSON'] !== undefined) return false;
      const keys = Object.keys(record);
      for (let index = 0; index < keys.length; index++) {
        if (index > 0 && !(keys[index - 1] < keys[index])) return false;
        const member = record[keys[index]];
        if (member !== undefined && !alreadySorted(member, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
};

/**
 * The JSON text of plain data — strings, safe integers, booleans, null, arrays and plain objects of them — with every
 * object's keys sorted by UTF-16 code units and no whitespace: what a canonical JSON writer writes for such data,
 * but by V8's own JSON.stringify, several times faster than a writer by hand (a period's statements, hashed at
 * publish and again by the hash chain, hold tens of thousands of lines). Anything else (a float, a toJSON, a date,
 * a sparse array or an undefined element, a bigint, an index-like key out of order) answers `undefined`, for the
 * caller's own writer to write or refuse.
 */
export const sortedKeysJson = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  try {
    return writeSorted(value, 0);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
};

/** Levels written member by member when out of order: an event's envelope and its data. */
const LEVELS_WRITTEN_BY_HAND = 2;

/**
 * A part already in order is written by JSON.stringify alone. An object out of order at the top levels (an envelope,
 * an event's data) is written member by member in key order, each member the same way, so that the thousands of lines
 * of a statement, drafted in order, are written natively below an envelope that is not; an array or a deeper part out
 * of order is sorted by the replacer.
 * Throws NOT_PLAIN as `sortedMembers` does.
 */
const writeSorted = (value: unknown, level: number): string => {
  if (alreadySorted(value)) return JSON.stringify(value);
  if (level >= LEVELS_WRITTEN_BY_HAND || typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value, sortedMembers);
  const record = value as Record<string, unknown>;
  if (!isPlainObject(value) || record['toJSON'] !== undefined) throw NOT_PLAIN;
  const keys = Object.keys(record);
  if (!inKeyOrder(keys)) {
    if (keys.some(keyOutOfInsertionOrder)) throw NOT_PLAIN;
    keys.sort();
  }
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    text += (text.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + writeSorted(member, level + 1);
  }
  return `${text}}`;
};
