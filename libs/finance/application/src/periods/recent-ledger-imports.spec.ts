import { ledgerImportStreamId, type LedgerLineV1 } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore } from '@itsm/event-store';
import { PeriodInputsReader } from './period-inputs.reader';
import { RecentLedgerImports, type PeriodImportLines } from './recent-ledger-imports';

const METADATA: EventMetadata = { actor: { id: 'fiona', role: 'finance' }, correlationId: 'recent-ledger-imports-spec' };
const SHA = 'a'.repeat(64);
const IMPORT_ID = '0190f5a4-1111-7000-8000-000000000001';
const POOL_ID = '0190f5a4-2222-7000-8000-000000000002';
const FOREIGN = { reportingCurrency: 'EUR', labourRateCard: null, labour: [], credits: [], adjustments: [] };

const line = (lineNumber: number, postedOn: string): LedgerLineV1 => ({
  lineNumber, postedOn, account: '6100', target: { kind: 'cost-pool', id: POOL_ID }, amount: { amount: `${lineNumber}.25`, currency: 'EUR' }, sourceReference: `JE-${lineNumber}`, description: 'bench',
});
const kept = (lines: number, contentSha256 = SHA): PeriodImportLines => ({
  lines: Array.from({ length: lines }, (_, index) => line(index + 2, '2026-03-02')),
  input: { importId: IMPORT_ID, revision: 1, contentSha256, lineCount: lines, linesSha256: 'b'.repeat(64) },
});

describe('RecentLedgerImports: an import’s lines in a period, kept for the next run', () => {
  it('recalls what was read for the same import, period and file; nothing for another', () => {
    const imports = new RecentLedgerImports();
    const march = kept(3);
    imports.remember(IMPORT_ID, '2026-03', march);
    expect(imports.recall(IMPORT_ID, '2026-03', SHA)).toBe(march);
    expect([imports.recall(IMPORT_ID, '2026-04', SHA), imports.recall(IMPORT_ID, '2026-03', 'c'.repeat(64))]).toEqual([undefined, undefined]);
  });

  it('keeps at most 400,000 lines, dropping the oldest import first', () => {
    const imports = new RecentLedgerImports();
    imports.remember(IMPORT_ID, '2026-01', kept(250_000));
    imports.remember(IMPORT_ID, '2026-02', kept(100_000));
    imports.remember(IMPORT_ID, '2026-03', kept(100_000));
    expect([imports.recall(IMPORT_ID, '2026-01', SHA), imports.recall(IMPORT_ID, '2026-02', SHA)?.lines.length, imports.recall(IMPORT_ID, '2026-03', SHA)?.lines.length]).toEqual([undefined, 100_000, 100_000]);
  });

  it('lets a reader read an import’s stream once: the next read of the period gives the same lines and manifest', async () => {
    const store = createInMemoryEventStore();
    const lines = [line(2, '2026-03-02'), line(3, '2026-04-01'), line(4, '2026-03-31')];
    await store.appendToStream(ledgerImportStreamId(IMPORT_ID), [
      { type: 'LedgerImported', data: { importId: IMPORT_ID, contentSha256: SHA, fileName: 'gl.csv', lineCount: 3, chunkCount: 1, totals: [{ amount: '9.75', currency: 'EUR' }], firstPostedOn: '2026-03-02', lastPostedOn: '2026-04-01', importedAt: '2026-04-02T09:00:00.000Z' }, metadata: METADATA },
      { type: 'LedgerLinesImported', data: { importId: IMPORT_ID, chunk: 1, lines }, metadata: METADATA },
    ], { expectedRevision: 'no-stream' });
    const streamsRead: string[] = [];
    const counting = { readAll: store.readAll.bind(store), readStream: (...args: Parameters<typeof store.readStream>) => (streamsRead.push(args[0]), store.readStream(...args)) };
    const reader = new PeriodInputsReader(counting, new RecentLedgerImports());
    const head = (await store.readAll({ fromPosition: -1 })).lastPosition;
    const first = await reader.read('2026-03', head, FOREIGN);
    const again = await reader.read('2026-03', head, FOREIGN);
    const fromTheLog = await new PeriodInputsReader(store).read('2026-03', head, FOREIGN);
    expect(streamsRead).toEqual([ledgerImportStreamId(IMPORT_ID)]);
    expect([...again.computation.ledger]).toEqual([...fromTheLog.computation.ledger]);
    expect([...first.computation.ledger].map((read) => read.postedOn)).toEqual(['2026-03-02', '2026-03-31']);
    expect([again.manifest.ledgerImports, first.manifest.ledgerImports]).toEqual([fromTheLog.manifest.ledgerImports, fromTheLog.manifest.ledgerImports]);
  });
});
