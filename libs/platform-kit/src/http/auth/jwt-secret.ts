import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeConfig } from '../../config/runtime-config';

export type JwtSecretSettings = Pick<RuntimeConfig, 'ITSM_JWT_SECRET' | 'ITSM_JWKS_URL' | 'ITSM_DATA_DIR'>;

export const JWT_SECRET_FILE = 'jwt-secret';

/**
 * The HS256 key for bearer tokens, resolved the same way by the server and by `itsm token`: ITSM_JWT_SECRET, else
 * (when no identity provider is configured) a key generated on first use and kept in ITSM_DATA_DIR/jwt-secret,
 * readable by the owner only. Undefined when tokens come only from the JWKS of an identity provider.
 */
export const resolveJwtSecret = (settings: JwtSecretSettings): Uint8Array | undefined => {
  if (settings.ITSM_JWT_SECRET) return new TextEncoder().encode(settings.ITSM_JWT_SECRET);
  if (settings.ITSM_JWKS_URL) return undefined;
  return new TextEncoder().encode(readOrCreateSecretFile(settings.ITSM_DATA_DIR));
};

const readOrCreateSecretFile = (dataDir: string): string => {
  const path = join(dataDir, JWT_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists: two processes starting together keep the first one's key.
    writeFileSync(path, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} holds a key shorter than 32 characters; delete it to get a new one`);
  return secret;
};
