import { userInfo } from 'node:os';
import { Command } from 'commander';
import type { SubjectErasure } from '@itsm/audit-application';
import { newId } from '@itsm/event-sourcing';
import type { RebuildProgress } from '@itsm/projections';
import { loadAudit } from '../cli/audit-access';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { UsageError } from '../cli/exit-codes';
import { platformProjections } from '../cli/platform-projections';
import { rebuildOn } from './rebuild.command';

export interface EraseCommandOptions extends EventLogAccess {
  subject?: string;
  json?: boolean;
  progressBar?: boolean;
}

export type EraseResult = SubjectErasure & { rebuilt: RebuildProgress[] };

/** Who erased, in the SubjectErased envelope: the operator's login through the CLI. */
const operator = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

/**
 * GDPR erasure of one data subject: deletes its keys (its personal fields read as "[erased]" everywhere from then
 * on), appends SubjectErased (no personal data), then rebuilds the read models that held the plaintext, with a
 * progress bar each. Beside a running platform it uses the platform's server; the platform drops its cached keys
 * on the erasure's NOTIFY.
 */
export const runErase = async (options: EraseCommandOptions): Promise<EraseResult> => {
  const { assertSubjectId, eraseSubject, readModelsHoldingPersonalData, InvalidSubjectIdError } = await loadAudit();
  let subjectId: string;
  try {
    subjectId = assertSubjectId(options.subject);
  } catch (error) {
    if (error instanceof InvalidSubjectIdError) throw new UsageError(`--subject: ${error.message}`);
    throw error;
  }
  const projections = await platformProjections();
  const readModels = readModelsHoldingPersonalData(projections);
  return withEventLog('itsm erase', 'reader', options, async (log) => {
    const metadata = { actor: { id: `cli:${operator()}`, role: 'admin', via: 'cli' }, correlationId: newId() };
    const erasure = await eraseSubject(subjectId, { vault: log.personalData, store: log.store }, { metadata, readModels });
    if (!options.json) process.stderr.write(`itsm: erased subject ${erasure.subjectRef.slice(0, 16)}… (${erasure.keysErased} keys); rebuilding ${readModels.length} read models\n`);
    const rebuilt = await rebuildOn(log, projections, readModels, options);
    return { ...erasure, rebuilt };
  });
};

export const eraseCommand = (): Command =>
  new Command('erase')
    .description('erase a data subject (GDPR, crypto-shredding): delete its keys, record SubjectErased, rebuild the read models that held its data')
    .requiredOption('--subject <id>', "the data subject's id (an incident's callerId)")
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the result as JSON')
    .action(async (options: EraseCommandOptions) => {
      const result = await runErase(options);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result)}\n`
          : `erased subject ${result.subjectRef}: ${result.keysErased} keys deleted, SubjectErased at position ${result.globalPosition}; ` +
              `rebuilt ${result.rebuilt.map((progress) => progress.projection).join(', ') || 'no read models'}\n`,
      );
    });
