/** Keys class-transformer drops silently (it sets the prototype, or skips functions) instead of refusing as unknown. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** NUL and unpaired UTF-16 surrogates: valid JSON, but PostgreSQL stores neither in text or jsonb (a 500 otherwise). */
const unstorable = (text: string): boolean => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

/**
 * `JSON.parse` reviver of the body parser: what it throws, body-parser answers 400 (entity.parse.failed), so such a
 * body never reaches validation, a command or the event log.
 */
export const refuseUnsafeJson = (key: string, value: unknown): unknown => {
  if (PROTOTYPE_KEYS.has(key)) throw new SyntaxError(`"${key}" is not accepted as a field name`);
  if (unstorable(key) || (typeof value === 'string' && unstorable(value))) {
    throw new SyntaxError('Strings must not contain NUL characters or unpaired UTF-16 surrogates');
  }
  return value;
};
