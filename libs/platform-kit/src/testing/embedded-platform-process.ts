import { signAccessToken } from '../http/auth/access-token.signer';
import type { Role } from '../http/auth/roles';
import { APP_START_LIMIT_MS, freePort, startAppProcess, type AppProcess } from './app-process';
import { call, type JsonAnswer } from './json-call';

/** What every spec-started platform signs tokens with (ITSM_JWT_SECRET). */
export const EMBEDDED_SPEC_JWT_SECRET = 'embedded-platform-spec-secret-of-32-chars';

/** `apps/platform` as its own OS process on a data directory, as `npm start` runs it. */
export interface EmbeddedPlatformProcess {
  process: AppProcess;
  baseUrl: string;
  /** A JSON call with a bearer token for `roles` (admin by default). */
  call(path: string, init?: Parameters<typeof call>[1] & { roles?: Role[] }): Promise<JsonAnswer>;
}

/** Starts the embedded platform from source on `dataDir` and resolves once it listens. */
export const startEmbeddedPlatform = async (dataDir: string, env: Record<string, string | undefined> = {}, timeoutMs = APP_START_LIMIT_MS): Promise<EmbeddedPlatformProcess> => {
  const port = await freePort();
  const child = startAppProcess('platform', {
    ITSM_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    ITSM_JWT_SECRET: EMBEDDED_SPEC_JWT_SECRET,
    ITSM_RATE_LIMIT: '0',
    LOG_LEVEL: 'info',
    // The test runner's own settings would turn it into another shape.
    DATABASE_URL: undefined,
    EVENTSTORE_URL: undefined,
    KAFKA_BROKERS: undefined,
    ...env,
  });
  try {
    await child.waitFor(/^ITSM platform listening/, timeoutMs);
  } catch (error) {
    // A start that failed or hung must not leave its process running (the caller never gets a handle to stop it).
    await child.stop();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const secret = new TextEncoder().encode(EMBEDDED_SPEC_JWT_SECRET);
  return {
    process: child,
    baseUrl,
    async call(path, init = {}) {
      const { roles = ['admin'], headers, ...rest } = init;
      const token = await signAccessToken({ sub: 'spec-admin', name: 'Spec admin', roles }, { secret });
      return call(`${baseUrl}${path}`, { ...rest, headers: { authorization: `Bearer ${token}`, ...headers } });
    },
  };
};
