import { IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { add, currencyCodeOf, moneyFromWire, moneyToWire, type Money } from '../money';
import type { ImportLedger, LedgerImportCommand } from './commands';
import type { LedgerImportEvent } from './events';
import { evolve, initialState, type LedgerImport } from './state';

/** Lines per `LedgerLinesImported` event: a few events for a large file, each well under a broker's size limit. */
export const LEDGER_LINES_PER_CHUNK = 500;
/** The most lines one import takes (one append, one transaction). */
export const MAX_LEDGER_LINES = 100_000;

const SHA256 = /^[0-9a-f]{64}$/;

export const decide = (command: LedgerImportCommand, ledgerImport: LedgerImport): LedgerImportEvent[] => importLedger(command, ledgerImport);

export const ledgerImportDecider: Decider<LedgerImportCommand, LedgerImport, LedgerImportEvent> = { decide, evolve, initialState };

/** All the lines or none; the same file under the same import id again records nothing. */
const importLedger = ({ data, metadata }: ImportLedger, ledgerImport: LedgerImport): LedgerImportEvent[] => {
  if (!SHA256.test(data.contentSha256)) throw new RuleViolation('The content hash must be a sha256 in hex');
  if (ledgerImport.status === 'imported') {
    if (ledgerImport.contentSha256 === data.contentSha256) return [];
    throw new IllegalTransition(`Ledger import ${ledgerImport.importId} already holds another file (imported ${ledgerImport.importedAt})`);
  }
  const { lines } = data;
  if (lines.length === 0) throw new RuleViolation('The file has no ledger lines: nothing to import');
  if (lines.length > MAX_LEDGER_LINES) throw new RuleViolation(`An import takes at most ${MAX_LEDGER_LINES} lines; split the file`);
  const totals = new Map<string, Money>();
  let [first, last] = [lines[0].postedOn, lines[0].postedOn];
  for (const line of lines) {
    const amount = moneyFromWire(line.amount);
    const code = currencyCodeOf(amount);
    const total = totals.get(code);
    totals.set(code, total === undefined ? amount : add(total, amount));
    if (line.postedOn < first) first = line.postedOn;
    if (line.postedOn > last) last = line.postedOn;
  }
  const chunks: LedgerImportEvent[] = [];
  for (let start = 0; start < lines.length; start += LEDGER_LINES_PER_CHUNK) {
    chunks.push({ type: 'LedgerLinesImported', data: { importId: data.importId, chunk: chunks.length + 1, lines: lines.slice(start, start + LEDGER_LINES_PER_CHUNK) } });
  }
  return [
    {
      type: 'LedgerImported',
      data: {
        importId: data.importId,
        contentSha256: data.contentSha256,
        fileName: data.fileName,
        lineCount: lines.length,
        chunkCount: chunks.length,
        totals: [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, total]) => moneyToWire(total)),
        firstPostedOn: first,
        lastPostedOn: last,
        importedAt: metadata.now.toISOString(),
      },
    },
    ...chunks,
  ];
};
