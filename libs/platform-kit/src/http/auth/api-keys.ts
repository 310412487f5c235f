import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

interface ApiKeyEntry {
  name: string;
  roles: Role[];
  digest: Buffer;
}

export type ApiKeyVerifier = (presentedKey: string) => Principal | undefined;

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Parses ITSM_API_KEYS (`name:role1+role2:key`, comma-separated; key may be `sha256:<hex>`) into a verifier that
 * compares digests in constant time, so that neither the keys nor their lengths leak through timing.
 */
export const createApiKeyVerifier = (setting: string | undefined): ApiKeyVerifier => {
  const entries = parseApiKeys(setting);
  return (presentedKey) => {
    const digest = sha256(presentedKey);
    const match = entries.find((entry) => timingSafeEqual(entry.digest, digest));
    return match ? { id: match.name, roles: match.roles, via: 'api-key' } : undefined;
  };
};

export const parseApiKeys = (setting: string | undefined): ApiKeyEntry[] =>
  (setting ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [name, roles, ...rest] = item.split(':');
      const key = rest.join(':');
      if (!name || !roles || !key) throw new Error(`ITSM_API_KEYS entry "${name ?? ''}" must be name:role1+role2:key`);
      const unknown = roles.split('+').filter((role) => !isRole(role));
      if (unknown.length) throw new Error(`ITSM_API_KEYS entry "${name}" names unknown roles: ${unknown.join(', ')}`);
      return { name, roles: roles.split('+') as Role[], digest: digestOf(key, name) };
    });

const digestOf = (key: string, name: string): Buffer => {
  if (!key.startsWith('sha256:')) return sha256(key);
  const hex = key.slice('sha256:'.length);
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`ITSM_API_KEYS entry "${name}" has a malformed sha256 digest`);
  return Buffer.from(hex, 'hex');
};
