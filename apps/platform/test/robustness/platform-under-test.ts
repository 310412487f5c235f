import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE, signAccessToken, type Role } from '@itsm/platform-kit';

export const SPEC_JWT_SECRET = 'robustness-spec-secret-of-at-least-32-characters';

export interface PlatformUnderTest {
  app: INestApplication;
  baseUrl: string;
  token(roles: Role[], sub?: string): Promise<string>;
  /** Every event of the log, from the start. */
  readWholeLog(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/**
 * The real embedded platform (`createPlatformApp`, what `npm start` runs) on PGlite in a fresh folder. The settings
 * are read when the platform module loads, so they are set first and bootstrap is imported afterwards.
 */
export const startPlatform = async (settings: Record<string, string>): Promise<PlatformUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-robustness-'));
  for (const name of ['DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS', 'ITSM_JWKS_URL', 'ITSM_API_KEYS']) delete process.env[name];
  Object.assign(process.env, { ITSM_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ITSM_JWT_SECRET: SPEC_JWT_SECRET, ...settings });
  const { createPlatformApp } = await import('../../src/app/bootstrap');
  const app = await createPlatformApp();
  await app.listen(0, '127.0.0.1');
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    token: (roles, sub = roles[0] ?? 'nobody') => signAccessToken({ sub, name: sub, roles }, { secret: new TextEncoder().encode(SPEC_JWT_SECRET) }),
    readWholeLog: async () => {
      const events: RecordedEvent[] = [];
      for (let from = -1; ; ) {
        const page = await store.readAll({ fromPosition: from, maxCount: 1_000 });
        if (page.events.length === 0) return events;
        events.push(...page.events);
        from = page.lastPosition;
      }
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** fetch with a JSON body and the parsed answer, for seeding. */
export const sendJson = async (baseUrl: string, token: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};
