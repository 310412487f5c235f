import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '../http/auth/roles';
import { signAccessToken } from '../http/auth/access-token.signer';

/** A context's host app started inside a spec: PGlite in a temp folder, projections from the log, no broker. */
export interface InProcessContextApp {
  baseUrl: string;
  /** A bearer token for one role, signed with the app's key. */
  tokenFor(role: Role): Promise<string>;
  /** POST a JSON body to a path under the app, as that role. */
  post(path: string, body: unknown, role: Role): Promise<Response>;
  close(): Promise<void>;
}

/** Starts `create` (a host's `create<Context>App`) on 127.0.0.1 with a fresh data folder and its own signing key. */
export const startInProcessContextApp = async (
  name: string,
  create: (env: Record<string, string>) => Promise<INestApplication>,
): Promise<InProcessContextApp> => {
  const secret = `${name}-app-spec-secret-of-32-characters`;
  const dataDir = mkdtempSync(join(tmpdir(), `itsm-${name}-app-`));
  const app = await create({ ITSM_DATA_DIR: dataDir, ITSM_JWT_SECRET: secret, ITSM_RATE_LIMIT: '0', LOG_LEVEL: 'silent' });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const tokenFor = (role: Role) => signAccessToken({ sub: `${role}-1`, name: role, roles: [role] }, { secret: new TextEncoder().encode(secret) });
  return {
    baseUrl,
    tokenFor,
    post: async (path, body, role) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(role)}` },
        body: JSON.stringify(body),
      }),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
