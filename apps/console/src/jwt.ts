/** Reading a JWT's payload in the browser. No signature check: the platform verifies every token on every call. */

export const isJwt = (token: unknown): token is string => typeof token === 'string' && /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token.trim());

export const base64UrlDecode = (text: string): Uint8Array => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
};

/** The claims of a JWT; throws with a sentence a person can act on. */
export const decodeJwtPayload = (token: string): Record<string, unknown> => {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('That is not a JWT (three dot-separated parts).');
  try {
    const claims = JSON.parse(new TextDecoder().decode(base64UrlDecode(parts[1]))) as unknown;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new Error('not an object');
    return claims as Record<string, unknown>;
  } catch {
    throw new Error('The token’s payload is not readable JSON.');
  }
};
