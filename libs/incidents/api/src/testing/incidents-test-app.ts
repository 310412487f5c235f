import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import {
  calendarStreamId,
  changeStreamId,
  serviceStreamId,
  type ChangeRaisedV1,
  type SlaTargets,
  type SupportCalendar,
} from '@itsm/contracts';
import { newId, waitUntil, type EventMetadata } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import {
  CHANGE_DIRECTORY,
  ChangeNotFound,
  incidentsApplicationProjections,
  ManualClock,
  SLA_DUE_TIMERS,
  SlaScheduler,
  type ChangeDirectory,
  type IncidentCatalog,
} from '@itsm/incidents-application';
import type { Projection, ProjectionRuntime } from '@itsm/projections';
import {
  applyGatewayConventions,
  EVENT_STORE,
  EventStoreModule,
  GatewayModule,
  HealthModule,
  PROJECTION_RUNTIME,
  ProjectionsModule,
  signAccessToken,
  validateRuntimeConfig,
  type Role,
} from '@itsm/platform-kit';
import { IncidentsModule } from '../incidents.module';
import type { IncidentReadModelsFactory } from '../shared/incident-read-models.port';
import { INCIDENT_CATALOG } from '../shared/incidents.tokens';

const TEST_SECRET = 'incidents-api-spec-secret-at-least-32-characters';
const CATALOG_METADATA: EventMetadata = {
  actor: { id: 'catalog-owner', role: 'service-owner', via: 'api' },
  correlationId: 'spec-catalog',
};

export interface PublishedService {
  serviceId: string;
  offeringId: string;
  calendarId: string;
  /** The log position of the catalog events: what an open names in X-Wait-For-Position. */
  position: number;
}

export interface RaisedChange {
  changeId: string;
  changeNumber: string;
  /** The log position of `ChangeRaised`: what a link names in X-Wait-For-Position. */
  position: number;
}

const CHANGES_METADATA: EventMetadata = {
  actor: { id: 'change-requester', role: 'agent', via: 'api' },
  correlationId: 'spec-changes',
};

export interface IncidentsTestApp {
  baseUrl: string;
  store: EventStore;
  clock: ManualClock;
  /** The app's own SLA scheduler: the spec runs its polls by hand (the interval poller is far apart). */
  scheduler: SlaScheduler;
  /** One poll of the SLA timers once the due-timers projection has caught up with the log (as the host runs it). */
  runTimers(): Promise<number>;
  token(roles: Role[], sub?: string): Promise<string>;
  /**
   * Appends a calendar and a live service with one default offering, as the catalog would, and waits for the
   * incidents' copy (unless `waitForCopy` is false: the caller waits through X-Wait-For-Position).
   */
  publishService(
    calendar: SupportCalendar,
    slaTargets: SlaTargets,
    options?: { waitForCopy?: boolean },
  ): Promise<PublishedService>;
  /**
   * Appends a `ChangeRaised` as the changes context would (a new id, the app's next number CHG0000001, CHG0000002…
   * unless one is given) and waits for the incidents' copy of changes (unless `waitForCopy` is false).
   */
  raiseChange(options?: {
    number?: string;
    waitForCopy?: boolean;
  }): Promise<RaisedChange>;
  close(): Promise<void>;
}

/**
 * Incidents as the embedded platform hosts them: config, the event log on PGlite in a temp folder, the gateway
 * conventions, the incident read models and the incidents' catalog copy in ProjectionsModule, and IncidentsModule
 * with a hand-moved clock, listening on 127.0.0.1.
 */
export const startIncidentsTestApp = async (
  readModels: IncidentReadModelsFactory,
  readModelProjections: readonly Projection[],
  start: string,
): Promise<IncidentsTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-incidents-api-'));
  const env = {
    LOG_LEVEL: 'silent',
    ITSM_DATA_DIR: dataDir,
    ITSM_JWT_SECRET: TEST_SECRET,
    ITSM_RATE_LIMIT: '0',
  };
  const clock = new ManualClock(new Date(start));

  @Module({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        // Only the settings above: the runner's DATABASE_URL must not turn this PGlite app into a shared server one.
        skipProcessEnv: true,
        validate: () => validateRuntimeConfig(env),
      }),
      EventStoreModule,
      GatewayModule.forRoot(),
      ProjectionsModule.forRoot([
        ...readModelProjections,
        ...incidentsApplicationProjections(),
      ]),
      HealthModule,
      IncidentsModule.forRoot({
        readModels,
        clock,
        slaPollIntervalMs: 3_600_000,
      }),
    ],
  })
  class IncidentsTestModule {}

  const app: INestApplication = await NestFactory.create(IncidentsTestModule, {
    logger: false,
  });
  applyGatewayConventions(app);
  await app.listen(0, '127.0.0.1');
  const store = app.get<EventStore>(EVENT_STORE);
  const catalog = app.get<IncidentCatalog>(INCIDENT_CATALOG);
  const changes = app.get<ChangeDirectory>(CHANGE_DIRECTORY);
  const append = (
    streamId: string,
    events: { type: string; data: unknown }[],
    metadata: EventMetadata = CATALOG_METADATA,
  ) =>
    store.appendToStream(
      streamId,
      events.map((event) => ({ ...event, metadata })),
      { expectedRevision: 'any' },
    );
  let changeNumbers = 0;
  return {
    baseUrl: await app.getUrl(),
    store,
    clock,
    scheduler: app.get(SlaScheduler),
    async runTimers() {
      await app.get<ProjectionRuntime>(PROJECTION_RUNTIME).catchUp(SLA_DUE_TIMERS);
      return app.get(SlaScheduler).runOnce();
    },
    token: (roles, sub = 'alice') =>
      signAccessToken(
        { sub, name: sub, roles },
        { secret: new TextEncoder().encode(TEST_SECRET) },
      ),
    async publishService(calendar, slaTargets, { waitForCopy = true } = {}) {
      const [serviceId, offeringId, calendarId] = [newId(), newId(), newId()];
      const registeredAt = clock.now().toISOString();
      await append(calendarStreamId(calendarId), [
        { type: 'CalendarCreated', data: { calendarId, ...calendar } },
      ]);
      const details = {
        name: 'Email',
        kind: 'technical',
        description: 'Mail',
        ownerGroup: 'platform',
        supportGroup: 'ops',
      };
      const written = await append(serviceStreamId(serviceId), [
        {
          type: 'ServiceRegistered',
          data: {
            serviceId,
            number: 'SVC0000001',
            lifecycle: 'pipeline',
            registeredAt,
            ...details,
          },
        },
        {
          type: 'ServiceWentLive',
          data: { serviceId, wentLiveAt: registeredAt },
        },
        {
          type: 'ServiceOfferingAdded',
          data: {
            serviceId,
            offeringId,
            name: 'Gold',
            calendarId,
            default: true,
            slaTargets,
          },
        },
        {
          type: 'ServiceDefaultOfferingChanged',
          data: {
            serviceId,
            defaultOfferingId: offeringId,
            previousDefaultOfferingId: null,
          },
        },
      ]);
      const position = written.lastGlobalPosition;
      if (!waitForCopy) return { serviceId, offeringId, calendarId, position };
      await waitUntil(
        "the incidents' catalog copy to know the service",
        async () =>
          (await catalog.slaTermsFor(serviceId, null, 'P1', clock.now())) ??
          undefined,
        5_000,
      );
      return { serviceId, offeringId, calendarId, position };
    },
    async raiseChange({ number, waitForCopy = true } = {}) {
      const changeId = newId();
      changeNumbers += 1;
      const changeNumber =
        number ?? `CHG${String(changeNumbers).padStart(7, '0')}`;
      const written = await append(
        changeStreamId(changeId),
        [{ type: 'ChangeRaised', data: changeRaised(changeId, changeNumber, clock.now().toISOString()) }],
        CHANGES_METADATA,
      );
      const raised = { changeId, changeNumber, position: written.lastGlobalPosition };
      if (!waitForCopy) return raised;
      await waitUntil(
        "the incidents' copy of changes to know the change",
        () =>
          changes.changeOf({ changeId }).catch((error: unknown) => {
            if (error instanceof ChangeNotFound) return undefined;
            throw error;
          }),
        5_000,
      );
      return raised;
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** A `ChangeRaised` as the changes context publishes it (the incidents keep its id and number). */
const changeRaised = (
  changeId: string,
  number: string,
  raisedAt: string,
): ChangeRaisedV1 => ({
  changeId,
  number,
  type: 'normal',
  requesterId: 'change-requester',
  templateId: null,
  state: 'new',
  raisedAt,
  shortDescription: 'Upgrade the mail relay',
  description: 'Relay 2.4 to 2.5',
  justification: 'Security fix',
  serviceIds: [newId()],
  implementationPlan: 'Roll the nodes one by one',
  backoutPlan: 'Roll back to 2.4',
  testPlan: 'Send a test mail',
  plannedStart: '2026-03-03T20:00:00.000Z',
  plannedEnd: '2026-03-03T22:00:00.000Z',
  implementer: { group: 'mail-ops', agent: null },
});

export { call, type JsonAnswer as Answer } from '@itsm/platform-kit';
