import { Command, InvalidArgumentError } from 'commander';
import type { RecordTimeline } from '@itsm/audit-application';
import { parseInstant } from '@itsm/projections';
import { loadAudit } from '../cli/audit-access';
import { EXIT } from '../cli/exit-codes';
import { settingsOf, withEventLog, type EventLogAccess } from '../cli/event-log-access';

export interface AuditCommandOptions extends EventLogAccess {
  asOf?: Date;
  json?: boolean;
}

/** The full history of one record (`INC…`, `CHG…`, `SVC…`, a stream id or a uuid), as recorded. */
export const runAudit = (reference: string, options: AuditCommandOptions): Promise<RecordTimeline> =>
  withEventLog('itsm audit', 'reader', options, async (log) => {
    const { recordTimeline, SqlEventLogQueries } = await loadAudit();
    // Numbers are found in the log's own table: not with the log in EventStoreDB.
    const numbers = settingsOf(options).EVENTSTORE_URL ? undefined : new SqlEventLogQueries(log.db, undefined, (events) => log.personalData.reveal(events));
    return recordTimeline(reference, log.store, numbers, options.asOf, log.storedStore);
  });

/** `key="value"` pairs of an event's facts, one level deep, long values cut. */
const changesOf = (changes: unknown): string => {
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return JSON.stringify(changes);
  return Object.entries(changes as Record<string, unknown>)
    .map(([key, value]) => {
      const text = JSON.stringify(value) ?? 'null';
      return `${key}=${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
    })
    .join(' ');
};

const describeTimeline = (timeline: RecordTimeline): string => {
  const title = `${timeline.number ?? timeline.reference} (${timeline.streamId}): ${timeline.entries.length} events${timeline.asOf ? ` recorded up to ${timeline.asOf}` : ''}`;
  const lines = timeline.entries.map((entry) => {
    const who = [entry.actor.id, entry.actor.role && `as ${entry.actor.role}`, entry.actor.via && `via ${entry.actor.via}`].filter(Boolean).join(' ');
    return (
      `#${entry.revision}  ${entry.recordedAt}  ${who}  ${entry.type} v${entry.schemaVersion}\n` +
      `    ${changesOf(entry.changes)}\n` +
      `    position ${entry.globalPosition}  event ${entry.eventId}  correlation ${entry.correlationId}  causation ${entry.causationId ?? '-'}`
    );
  });
  const chain = timeline.chain.ok
    ? 'hash chain: intact'
    : `HASH CHAIN BROKEN at revision ${timeline.chain.failure.streamRevision} (position ${timeline.chain.failure.globalPosition}): ${timeline.chain.failure.reason}`;
  return `${title}\n${lines.join('\n')}\n${chain}\n`;
};

const instant = (value: string): Date => {
  const parsed = parseInstant(value);
  if (!parsed) throw new InvalidArgumentError('an RFC 3339 date-time such as 2026-11-02T08:00:00Z');
  return parsed;
};

export const auditCommand = (): Command =>
  new Command('audit')
    .description('the full history of one record: when, who, what changed, event id, correlation and causation')
    .argument('<record>', 'INC…, CHG… or SVC… number, a stream id (incident-<uuid>) or a uuid')
    .option('--as-of <time>', 'only what was recorded up to this time (RFC 3339)', instant)
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the timeline as JSON')
    .action(async (reference: string, options: AuditCommandOptions) => {
      const timeline = await runAudit(reference, options);
      process.stdout.write(options.json ? `${JSON.stringify(timeline)}\n` : describeTimeline(timeline));
      if (!timeline.chain.ok) process.exitCode = EXIT.verificationFailed;
    });
