import { randomBytes } from 'node:crypto';
import { schemaVersionOf, serviceStreamId, type ChangeEditableFields, type MaintenanceWindow, type ServiceCriticality } from '@itsm/contracts';
import { newId, waitUntil, type Clock, type EventMetadata, type NewEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { ProcessRunner, ProjectionRuntime, type Projection } from '@itsm/projections';
import { AssessChangeRiskHandler } from '../assess-change-risk/assess-change-risk.handler';
import { CancelChangeHandler } from '../cancel-change/cancel-change.handler';
import { ChangeStreams } from '../change-stream/change-streams';
import { CloseChangeHandler } from '../close-change/close-change.handler';
import { CompleteChangeHandler } from '../complete-change/complete-change.handler';
import { SqlChangeNumberAllocator } from '../adapters/sql-change-number-allocator.adapter';
import { SqlChangeCatalog } from '../foreign/catalog-copy/sql-change-catalog.adapter';
import { SqlChangeIncidents } from '../foreign/incidents-copy/sql-change-incidents.adapter';
import { changesApplicationProjections } from '../nest/changes-application.module';
import { DEFAULT_CHANGE_POLICIES, type ChangePolicies } from '../policies/change-policies';
import type { ChangeQueries, ChangeQueriesFactory } from '../ports/change-queries.port';
import { CausedIncidentsProcess } from '../processes/caused-incidents/caused-incidents.process';
import { IncidentNumbers } from '../processes/caused-incidents/incident-numbers';
import { RaiseChangeHandler, type RaiseChangeInput } from '../raise-change/raise-change.handler';
import { RecordApprovalDecisionHandler } from '../record-approval-decision/record-approval-decision.handler';
import { RecordPirHandler } from '../record-pir/record-pir.handler';
import { ChangeRiskAssessor } from '../risk-assessment/change-risk-assessor';
import { StartChangeHandler } from '../start-change/start-change.handler';
import { SubmitChangeHandler } from '../submit-change/submit-change.handler';
import { SwitchChangeTypeHandler } from '../switch-change-type/switch-change-type.handler';
import { UpdateChangeHandler } from '../update-change/update-change.handler';

/** A clock the spec moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
}

export interface ChangeHandlers {
  raise: RaiseChangeHandler;
  update: UpdateChangeHandler;
  switchType: SwitchChangeTypeHandler;
  submit: SubmitChangeHandler;
  assess: AssessChangeRiskHandler;
  decide: RecordApprovalDecisionHandler;
  start: StartChangeHandler;
  complete: CompleteChangeHandler;
  review: RecordPirHandler;
  close: CloseChangeHandler;
  cancel: CancelChangeHandler;
}

export interface ChangesTestKit {
  store: EventStore;
  db: SqlExecutor;
  clock: ManualClock;
  streams: ChangeStreams;
  handlers: ChangeHandlers;
  /** The caused-incidents process on the kit's log, from its own checkpoint. */
  causedIncidents: CausedIncidentsProcess;
  /** Runs the caused-incidents process over everything the log holds. */
  settleProcesses(): Promise<void>;
  /** Brings every projection (copies, change list, schedule) up to the log's head. */
  settle(): Promise<void>;
  /** Publishes a service in the catalog's stream, as the catalog would; returns its id. */
  publishService(options?: { criticality?: ServiceCriticality; dependsOn?: string[]; maintenance?: { timeZone: string; windows: MaintenanceWindow[] } }): Promise<string>;
  /** Appends events to a stream as another context would (incidents). */
  append(streamId: string, events: { type: string; data: object }[]): Promise<number>;
  close(): Promise<void>;
}

export const metadataOf = (id: string, role: string): EventMetadata => ({ actor: { id, role, via: 'api' }, correlationId: `corr-${id}` });

/** A change input with sensible fields; `overrides` for what a case needs. */
export const changeInput = (serviceIds: string[], overrides: Partial<RaiseChangeInput> = {}): RaiseChangeInput => {
  const fields: ChangeEditableFields = {
    shortDescription: 'Upgrade the payroll database',
    description: 'PostgreSQL 15 to 16',
    justification: 'Version 15 leaves support',
    serviceIds,
    implementationPlan: 'pg_upgrade',
    backoutPlan: 'Restore the snapshot',
    testPlan: 'Payroll smoke tests',
    plannedStart: '2030-03-10T20:00:00.000Z',
    plannedEnd: '2030-03-10T22:00:00.000Z',
    implementer: { group: 'dba-team', agent: 'dba-1' },
  };
  return { type: 'normal', ...fields, ...overrides };
};

const schemaName = (label: string): string => `${label}_${randomBytes(4).toString('hex')}`;

/**
 * The changes' command side on in-memory PGlite: the handlers through the hosts' write pipeline, the copies of the
 * catalog and of incidents, and the read models the handlers ask (the spec passes `createChangesReadModels` and the
 * changes projections: the application lib does not import the read-model lib).
 */
export const openChangesTestKit = async ({
  queries,
  readModelProjections,
  policies = DEFAULT_CHANGE_POLICIES,
  start = '2030-03-01T09:00:00.000Z',
}: {
  queries: ChangeQueriesFactory;
  readModelProjections: readonly Projection[];
  policies?: ChangePolicies;
  start?: string;
}): Promise<ChangesTestKit> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite, pollIntervalMs: 20 });
  const db = createPgliteExecutor(pglite, { ownsDatabase: false });
  const schema = 'read_models';
  const checkpointSchema = 'projections';
  const changesSchema = schemaName('changes');
  const runtime = await ProjectionRuntime.create({ db, source: store, projections: [...readModelProjections, ...changesApplicationProjections()], schema, checkpointSchema });
  const catalog = new SqlChangeCatalog(db, schema);
  const incidents = new SqlChangeIncidents(db, schema);
  const readModels: ChangeQueries = queries({ db, sources: { catalog, majorIncidents: incidents, causedIncidents: incidents } });
  const clock = new ManualClock(new Date(start));
  const streams = new ChangeStreams(writePipelineOn(store), clock);
  const assessor = new ChangeRiskAssessor(catalog, readModels.implementerRecords, policies);
  const handlers: ChangeHandlers = {
    raise: new RaiseChangeHandler(writePipelineOn(store), clock, new SqlChangeNumberAllocator(db, changesSchema), catalog),
    update: new UpdateChangeHandler(streams, assessor),
    switchType: new SwitchChangeTypeHandler(streams, catalog),
    submit: new SubmitChangeHandler(streams, assessor, readModels),
    assess: new AssessChangeRiskHandler(streams, assessor),
    decide: new RecordApprovalDecisionHandler(streams, readModels),
    start: new StartChangeHandler(streams, readModels),
    complete: new CompleteChangeHandler(streams),
    review: new RecordPirHandler(streams),
    close: new CloseChangeHandler(streams),
    cancel: new CancelChangeHandler(streams),
  };
  const causedIncidents = new CausedIncidentsProcess(streams, new IncidentNumbers(db, changesSchema), (id) => incidents.numberOf(id));
  const processes = await ProcessRunner.create({ db, source: store, processes: [causedIncidents], checkpointSchema });
  const owner: EventMetadata = metadataOf('owner-1', 'service-owner');
  let services = 0;
  const append = async (streamId: string, events: { type: string; data: object }[]) =>
    (await store.appendToStream(streamId, events.map((event): NewEvent => ({ ...event, schemaVersion: schemaVersionOf(event.type), metadata: owner })), { expectedRevision: 'any' })).lastGlobalPosition;
  /** Each projection's checkpoint moves only with events of its types: waits for the last of those in the log. */
  const settle = async () => {
    const { events } = await store.readAll({ fromPosition: -1, maxCount: 1_000_000 });
    await waitUntil('the projections to reach the head of the log', async () => {
      const statuses = await runtime.status();
      const failed = statuses.find((status) => status.lastError);
      if (failed) throw new Error(`${failed.name}: ${failed.lastError}`);
      return statuses.every((status) => {
        const last = events.filter((event) => status.eventTypes.length === 0 || status.eventTypes.includes(event.type)).at(-1)?.globalPosition ?? -1;
        return status.position >= last;
      });
    }, 20_000);
  };
  await runtime.start();
  return {
    store,
    db,
    clock,
    streams,
    handlers,
    causedIncidents,
    settleProcesses: () => processes.catchUp(),
    settle,
    async publishService({ criticality = 'medium', dependsOn = [], maintenance } = {}) {
      const serviceId = newId();
      services += 1;
      await append(serviceStreamId(serviceId), [
        {
          type: 'ServiceRegistered',
          data: {
            serviceId, number: `SVC${String(services).padStart(7, '0')}`, name: `Service ${services}`, kind: 'technical', description: 'spec',
            ownerGroup: 'owners', supportGroup: 'support', criticality, lifecycle: 'pipeline', registeredAt: '2026-01-01T00:00:00.000Z',
          },
        },
        ...dependsOn.map((dependsOnServiceId) => ({ type: 'ServiceDependencyAdded', data: { serviceId, dependsOnServiceId } })),
        ...(maintenance ? [{ type: 'ServiceMaintenanceWindowsSet', data: { serviceId, ...maintenance } }] : []),
      ]);
      return serviceId;
    },
    append,
    async close() {
      await runtime.stop();
      await store.close();
      await pglite.close();
    },
  };
};
