import {
  IncidentStreams,
  OpenIncidentHandler,
  ResolveIncidentHandler,
  SqlIncidentCatalog,
  SqlIncidentNumberAllocator,
  SlaTimerClaims,
  DEFAULT_INCIDENTS_SCHEMA,
  systemClock,
  type IncidentCommandResult,
} from '@itsm/incidents-application';
import { DEFAULT_INCIDENT_POLICY } from '@itsm/incidents-domain';
import { openEventLog, openEventLogForReading, writePipelineOn, type EventLog } from '@itsm/platform-kit';
import { DEFAULT_READ_MODEL_LOCATION } from '@itsm/projections';

const metadata = { actor: { id: 'recovery-spec', role: 'agent', via: 'api' as const }, correlationId: 'recovery-spec' };
const embedded = (dataDir: string) => ({ ITSM_DATA_DIR: dataDir, DATABASE_URL: undefined, EVENTSTORE_URL: undefined });

/** The incident handlers on a stopped platform's directory: writes whose follow-up work (timers, cascades) no process has done yet. */
export const withStoppedPlatform = async <T>(dataDir: string, work: (writes: DirectWrites) => Promise<T>): Promise<T> => {
  const log = await openEventLog(embedded(dataDir));
  try {
    return await work(directWritesOn(log));
  } finally {
    await log.close();
  }
};

export interface DirectWrites {
  open(serviceId: string): Promise<IncidentCommandResult>;
  resolve(id: string): Promise<IncidentCommandResult>;
  stateOf(id: string): Promise<string>;
  dueTimerCount(id: string): Promise<number>;
}

const directWritesOn = (log: EventLog): DirectWrites => {
  const catalog = new SqlIncidentCatalog(log.db, DEFAULT_READ_MODEL_LOCATION.schema);
  const streams = new IncidentStreams({ pipeline: writePipelineOn(log.store), catalog, clock: systemClock });
  const open = new OpenIncidentHandler(streams, new SqlIncidentNumberAllocator(log.db, DEFAULT_INCIDENTS_SCHEMA), catalog, DEFAULT_INCIDENT_POLICY);
  const resolve = new ResolveIncidentHandler(streams);
  const claims = new SlaTimerClaims(log.db, { dueTimersSchema: DEFAULT_READ_MODEL_LOCATION.schema, claimsSchema: DEFAULT_INCIDENTS_SCHEMA });
  return {
    open: (serviceId) => open.execute({ callerId: 'caller', shortDescription: 'Written while down', description: 'No process ran its follow-up', serviceId, impact: 2, urgency: 2 }, metadata),
    resolve: (id) => resolve.execute(id, { code: 'solved-permanently', notes: 'Resolved while the platform was down' }, metadata),
    stateOf: async (id) => (await streams.load(id)).incident.lifecycle.state,
    dueTimerCount: async (id) => (await claims.dueTimersOf(id)).length,
  };
};

/** The due SLA timers the running platform's projection holds for each incident (read beside it on its server). */
export const dueTimerCounts = async (dataDir: string, ids: readonly string[]): Promise<Map<string, number>> => {
  const log = await openEventLogForReading(embedded(dataDir));
  try {
    const claims = new SlaTimerClaims(log.db, { dueTimersSchema: DEFAULT_READ_MODEL_LOCATION.schema, claimsSchema: DEFAULT_INCIDENTS_SCHEMA });
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (await claims.dueTimersOf(id)).length);
    return counts;
  } finally {
    await log.close();
  }
};
