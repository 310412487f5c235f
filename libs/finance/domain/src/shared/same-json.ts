/** JSON text with object keys sorted at every level: the same value gives the same text, whatever the key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/**
 * Equal as JSON values. Events come back from the log with their keys reordered (PostgreSQL's jsonb sorts them), so
 * "the same as recorded" must not depend on key order.
 */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
