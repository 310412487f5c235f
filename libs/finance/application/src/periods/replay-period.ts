import type { PeriodInputsV1 } from '@itsm/contracts';
import { upcastEvent } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { canonicalJson, periodDecider, publishStatement, requirePeriodMonth, statementHash, type PeriodEvent, type PeriodState } from '@itsm/finance-domain';
import { PeriodInputsReader, type PeriodReadProgress } from './period-inputs.reader';
import { periodStreamIdOf } from './period-streams';
import { recomputeRun } from './recompute-run';

export interface ReplayedStatement {
  statementId: string;
  costCenterId: string;
  /** The hash the publication recorded (PeriodStatementsPublished; PeriodClosed when closed). */
  recordedHash: string | null;
  /** The hash of the statement as stored (its lines hashed again). */
  storedHash: string | null;
  /** The hash of the statement computed again from the run's inputs. */
  replayedHash: string | null;
  matches: boolean;
}

export interface PeriodReplay {
  period: string;
  status: PeriodState['status'];
  runNumber: number;
  logPosition: number;
  /** Every statement hash matched and the inputs read again are those the run recorded. */
  matches: boolean;
  statements: ReplayedStatement[];
  /** Inputs whose fingerprint read again differs from the recorded one (an input changed under the run). */
  inputDifferences: { input: string; recorded: string; replayed: string }[];
}

const fingerprints = (inputs: PeriodInputsV1): Record<string, string> => ({
  ...Object.fromEntries(inputs.ledgerImports.map((entry) => [`ledger import ${entry.importId}`, canonicalJson(entry)])),
  ...Object.fromEntries(inputs.usageBatches.map((entry) => [`usage batch ${entry.batchId}`, canonicalJson(entry)])),
  ...Object.fromEntries(inputs.rules.map((entry) => [`allocation rule ${entry.ruleId}`, canonicalJson(entry)])),
  ...Object.fromEntries(inputs.costCenters.map((entry) => [`cost center ${entry.costCenterId}`, canonicalJson(entry)])),
  'labour rate card': canonicalJson(inputs.labourRateCard),
  'exchange rates': canonicalJson(inputs.exchangeRates),
});

/**
 * Re-computes a published (or closed) period from the log with exactly what its run recorded — the log up to the
 * run's position, the rule and rate-card revisions, the labour and credits it took, its adjustments — and compares
 * every statement's hash three ways: as recorded at publication, as stored (its content hashed again) and as
 * computed again. Also names any input whose fingerprint differs from the recorded one. Reads the store only, so
 * the CLI (`itsm finance replay`) and the API share it.
 */
export const replayPeriod = async (store: Pick<EventStore, 'readAll' | 'readStream'>, period: string, onProgress?: (progress: PeriodReadProgress) => void): Promise<PeriodReplay> => {
  requirePeriodMonth(period);
  const events = (await store.readStream(periodStreamIdOf(period))).map((event) => upcastEvent(event) as unknown as PeriodEvent);
  const state = events.reduce(periodDecider.evolve, periodDecider.initialState());
  const run = state.latestRun;
  if (state.published === null || run === null) throw new RuleViolation(`Period ${period} has no published statements to replay (it is ${events.length === 0 ? 'untouched' : state.status})`);
  const published = state.published;
  const closedHashes = new Map<string, string>();
  for (const event of events) if (event.type === 'PeriodClosed') for (const { statementId, contentHash } of event.data.statementHashes) closedHashes.set(statementId, contentHash);
  const { read, result } = await recomputeRun(new PeriodInputsReader(store), state, run, onProgress);
  const replayed = new Map(result.statements.map((draft) => [draft.costCenterId, draft]));
  const stored = new Map(state.statements.map((statement) => [statement.statementId, statement]));
  const statements: ReplayedStatement[] = published.statements.map(({ statementId, costCenterId, mode, contentHash }) => {
    const draft = replayed.get(costCenterId);
    const replayedHash = draft === undefined ? null : publishStatement(period, draft, mode).contentHash;
    const kept = stored.get(statementId);
    const storedHash = kept === undefined ? null : statementHash(kept);
    const closedHash = closedHashes.get(statementId);
    const matches = replayedHash === contentHash && storedHash === contentHash && kept?.contentHash === contentHash && (closedHash === undefined || closedHash === contentHash);
    return { statementId, costCenterId, recordedHash: contentHash, storedHash, replayedHash, matches };
  });
  for (const draft of result.statements) {
    if (!published.statements.some((statement) => statement.costCenterId === draft.costCenterId)) {
      statements.push({ statementId: `${period}.${draft.costCenterId}`, costCenterId: draft.costCenterId, recordedHash: null, storedHash: null, replayedHash: publishStatement(period, draft, 'showback').contentHash, matches: false });
    }
  }
  const recorded = fingerprints(run.inputs);
  const again = fingerprints(read.manifest);
  const inputDifferences = [...new Set([...Object.keys(recorded), ...Object.keys(again)])]
    .sort()
    .filter((key) => recorded[key] !== again[key])
    .map((input) => ({ input, recorded: recorded[input] ?? '(none)', replayed: again[input] ?? '(none)' }));
  return {
    period,
    status: state.status,
    runNumber: run.runNumber,
    logPosition: run.inputs.logPosition,
    matches: statements.every((statement) => statement.matches) && inputDifferences.length === 0,
    statements,
    inputDifferences,
  };
};
