import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEventLog, type LogVerification } from '@itsm/operations';
import { openEventLogForReading, waitUntil, type EmbeddedPlatformProcess } from '@itsm/platform-kit';
import { AcknowledgedWrites, PROBE_GROUP, PROBE_WORD } from './acknowledged-writes';

/** The pid of the embedded PostgreSQL server serving `dataDir` (from its postmaster.pid). */
export const postmasterPidOf = (dataDir: string): number => Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Every item of a cursor-paginated list. */
const everyItem = async (platform: EmbeddedPlatformProcess, query: string): Promise<Array<{ id: string; state: string }>> => {
  const items: Array<{ id: string; state: string }> = [];
  let cursor: string | null = null;
  do {
    const page = await platform.call(`/api/v1/incidents?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200) throw new Error(`the list answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

export interface RoundFindings {
  foundById: number;
  foundInList: number;
  assignedInQueue: number;
}

/** Reads every acknowledged incident back by id (16 at a time); counts those whose state keeps what was acknowledged. */
const foundById = async (platform: EmbeddedPlatformProcess, writes: AcknowledgedWrites): Promise<number> => {
  const pending = [...writes.incidents.values()];
  let found = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let incident = pending.pop(); incident; incident = pending.pop()) {
        const answer = await platform.call(`/api/v1/incidents/${incident.id}`);
        if (answer.status === 200 && answer.body.number === incident.number && AcknowledgedWrites.keeps(incident.state, answer.body.state)) found++;
      }
    }),
  );
  return found;
};

/**
 * After a restart: every acknowledged incident by id, and — once the read models have caught up — in the text
 * search list, and each acknowledged assignment in its group's queue.
 */
export const findAcknowledged = async (platform: EmbeddedPlatformProcess, writes: AcknowledgedWrites): Promise<RoundFindings> => {
  const byId = await foundById(platform, writes);
  const acknowledged = [...writes.incidents.values()];
  const listed = await waitUntil(
    'the read models to list every acknowledged incident',
    async () => {
      const items = new Map((await everyItem(platform, `q=${PROBE_WORD}`)).map((item) => [item.id, item.state]));
      return acknowledged.every((incident) => items.has(incident.id)) ? items : undefined;
    },
    120_000,
    500,
  );
  const queue = new Set((await everyItem(platform, `assignmentGroup=${PROBE_GROUP}`)).map((item) => item.id));
  return {
    foundById: byId,
    foundInList: acknowledged.filter((incident) => AcknowledgedWrites.keeps(incident.state, listed.get(incident.id) ?? '')).length,
    assignedInQueue: acknowledged.filter((incident) => incident.state === 'assigned' && queue.has(incident.id)).length,
  };
};

/** Every hash chain and the global order, read beside the running platform (its server is shared). */
export const verifyLogOf = async (dataDir: string): Promise<LogVerification> => {
  const log = await openEventLogForReading({ ITSM_DATA_DIR: dataDir, DATABASE_URL: undefined, EVENTSTORE_URL: undefined });
  try {
    // The hash chain covers the stored form (personal fields as their envelopes), not what readers see.
    return await verifyEventLog(log.storedStore);
  } finally {
    await log.close();
  }
};
