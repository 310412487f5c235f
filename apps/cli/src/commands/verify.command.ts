import { Command, InvalidArgumentError } from 'commander';
import type { AuditVerification } from '@itsm/audit-application';
import { auditSourcesOf, loadAudit, type AuditAccess } from '../cli/audit-access';
import { EXIT } from '../cli/exit-codes';
import { settingsOf, withEventLog } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface VerifyCommandOptions extends AuditAccess {
  /** Only this stream: its chain, and each event proven in the latest signed checkpoint. */
  stream?: string;
  /** Start at this global position (inclusive). */
  from?: number;
  json?: boolean;
  progressBar?: boolean;
  /** Keep the result out of the audit tables (GET /api/v1/audit/verify shows the latest recorded one). */
  record?: boolean;
  /** Read every event parsed and write its canonical texts again, instead of hashing the texts its appender stored. */
  reparse?: boolean;
}

/**
 * Re-checks the configured log: every stream's hash chain and the global order, each event against the leaf the
 * audit tree recorded, and the tree's root at every signed checkpoint (the database's and the copies'). Records
 * the result where the platform keeps them, when the audit tables exist.
 */
export const runVerify = (options: VerifyCommandOptions): Promise<AuditVerification> =>
  withEventLog('itsm verify', 'reader', options, async (log) => {
    const { verifyAuditLog, verifyAuditStream, SqlVerificationRuns } = await loadAudit();
    const { sources, verifier, origin } = await auditSourcesOf(log, options);
    const bar = progressBar('verify', 'events', 0, !options.stream && (options.progressBar ?? !options.json));
    let result: AuditVerification;
    try {
      result = options.stream
        ? await verifyAuditStream(sources, options.stream, { verifier, origin })
        : await verifyAuditLog(sources, {
            verifier,
            origin,
            fromPosition: options.from,
            // A log in SQL (PostgreSQL, the embedded server, PGlite) is checked on the texts its appenders hashed.
            canonicalTexts: settingsOf(options).EVENTSTORE_URL || options.reparse ? undefined : { db: log.db },
            onProgress: ({ position, head }) => bar.update(position, head),
          });
    } finally {
      bar.stop();
    }
    if (options.record !== false && (await sources.tree.exists())) await new SqlVerificationRuns(log.db, sources.tree.tables).record('itsm verify', result);
    return result;
  });

const describeResult = (result: AuditVerification): string => {
  const scope = result.scope.kind === 'stream' ? `stream ${result.scope.streamId}` : result.scope.kind === 'from' ? `the log from position ${result.scope.position}` : 'the log';
  const notes = result.notes.map((note) => `note: ${note}\n`).join('');
  if (result.ok) {
    const checkpoints = result.checkpoints.found === 0 ? 'no signed checkpoint yet' : `${result.checkpoints.checked} of ${result.checkpoints.found} signed checkpoints${result.checkpoints.signaturesChecked ? '' : ' (signatures NOT checked)'} match`;
    return (
      `verified ${scope}: ${result.events} events in ${result.streams} streams up to position ${result.lastPosition}, ` +
      `${result.eventsPerSecond} events/s: every hash chain and the global order hold, ${result.recordedLeavesChecked} events match the audit tree, ${checkpoints}\n${notes}`
    );
  }
  const failure = result.firstFailure;
  return (
    `VERIFY FAILED at position ${failure?.globalPosition}` +
    (failure?.streamId ? ` (${failure.streamId}@${failure.streamRevision}, event ${failure.eventId})` : '') +
    `: ${failure?.reason}\n  ${failure?.detail}\n  expected ${failure?.expected}\n  found    ${failure?.actual}\n` +
    (failure?.recordedPosition !== undefined ? `  the audit tree recorded position ${failure.recordedPosition} on that leaf\n` : '') +
    `  ${result.events} events checked before it\n${notes}`
  );
};

const position = (value: string): number => {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('a global position is a whole number');
  return Number(value);
};

export const verifyCommand = (): Command =>
  new Command('verify')
    .description('re-check every hash chain, the global order, the audit tree and the signed checkpoints (exit 3 when the log does not verify)')
    .option('--stream <id>', 'only this stream: its chain, and each event proven in the latest signed checkpoint')
    .option('--from <position>', 'start at this global position (earlier hashes are taken as stored)', position)
    .option('--key <verifier-key>', 'check the checkpoints with this key (<name>+<id>+<base64>); default: the platform\'s own')
    .option('--checkpoints <dir>', 'also check against the checkpoint copies in this directory (default: ITSM_AUDIT_CHECKPOINT_COPY_DIR)')
    .option('--reparse', 'read every event parsed and write its canonical texts again (slower) instead of hashing the texts its appender stored')
    .option('--no-record', 'do not record the result for GET /api/v1/audit/verify')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the result as JSON')
    .action(async (options: VerifyCommandOptions) => {
      const result = await runVerify(options);
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : describeResult(result));
      if (!result.ok) process.exitCode = EXIT.verificationFailed;
    });
