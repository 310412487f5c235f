import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { LedgerLineV1 } from '@itsm/contracts';
import type { ImportLedger } from './commands';
import { LEDGER_LINES_PER_CHUNK, ledgerImportDecider } from './decide';
import { checkLedgerHeader, checkLedgerLine } from './ledger-line';

const importId = '0190f3a4-7777-7222-8333-944445555666';
const pool = '0190f3a4-6666-7222-8333-944445555666';
const sha = 'a'.repeat(64);
const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const line = (lineNumber: number, amount: string, currency = 'EUR', postedOn = '2026-03-01'): LedgerLineV1 => ({
  lineNumber, postedOn, account: '6200', target: { kind: 'cost-pool', id: pool }, amount: { amount, currency }, sourceReference: `JE-${lineNumber}`, description: 'Licences',
});
const importLedger = (lines: LedgerLineV1[], contentSha256 = sha): ImportLedger => ({ type: 'ImportLedger', data: { importId, contentSha256, fileName: 'gl.csv', lines }, metadata });

const spec = deciderSpecification(ledgerImportDecider, expect);
const given = spec.given.bind(spec);

describe('Ledger import decider', () => {
  it('imports the lines after a header with the totals per currency and the days they span', () => {
    const lines = [line(2, '100.00'), line(3, '-20.50', 'EUR', '2026-02-27'), line(4, '7.25', 'USD', '2026-03-04')];
    given([]).when(importLedger(lines)).then([
      {
        type: 'LedgerImported',
        data: {
          importId, contentSha256: sha, fileName: 'gl.csv', lineCount: 3, chunkCount: 1, totals: [{ amount: '79.50', currency: 'EUR' }, { amount: '7.25', currency: 'USD' }],
          firstPostedOn: '2026-02-27', lastPostedOn: '2026-03-04', importedAt: now.toISOString(),
        },
      },
      { type: 'LedgerLinesImported', data: { importId, chunk: 1, lines } },
    ]);
  });
  it('puts the lines in chunks of 500', () => {
    const lines = Array.from({ length: LEDGER_LINES_PER_CHUNK * 2 + 1 }, (_, index) => line(index + 2, '1.00'));
    const events = ledgerImportDecider.decide(importLedger(lines), ledgerImportDecider.initialState());
    expect(events.map((event) => [event.type, event.type === 'LedgerLinesImported' ? event.data.lines.length : event.data.chunkCount])).toEqual([
      ['LedgerImported', 3], ['LedgerLinesImported', 500], ['LedgerLinesImported', 500], ['LedgerLinesImported', 1],
    ]);
  });
  it('refuses an empty file; the same file again records nothing, another file under the same id is refused', () => {
    given([]).when(importLedger([])).thenThrows(RuleViolation, 'The file has no ledger lines: nothing to import');
    const imported = ledgerImportDecider.decide(importLedger([line(2, '1.00')]), ledgerImportDecider.initialState());
    given(imported).when(importLedger([line(2, '1.00')])).thenNothingHappens();
    given(imported).when(importLedger([line(2, '1.00')], 'b'.repeat(64))).thenThrows(IllegalTransition, /already holds another file/);
  });
});

describe('checkLedgerLine', () => {
  const fields = { date: '2026-03-01', account: '6200', cost_center: 'it-ops', amount: '1234.5', currency: 'EUR', source_reference: 'JE-1', description: 'Licences' };
  it('reads a line for a cost center by code (upper case) or a cost pool by id, the amount canonical', () => {
    expect(checkLedgerLine(fields, 2)).toEqual({
      ok: true,
      line: { lineNumber: 2, postedOn: '2026-03-01', account: '6200', target: { kind: 'cost-center', ref: 'IT-OPS' }, amount: { amount: '1234.50', currency: 'EUR' }, sourceReference: 'JE-1', description: 'Licences' },
    });
    expect(checkLedgerLine({ ...fields, cost_center: '', cost_pool: pool.toUpperCase() }, 3)).toMatchObject({ ok: true, line: { target: { kind: 'cost-pool', ref: pool } } });
  });
  it('says everything wrong with a line at once', () => {
    expect(checkLedgerLine({ ...fields, date: '01.03.2026', amount: '1,234.50', cost_pool: pool, source_reference: '' }, 7)).toEqual({
      ok: false,
      problems: [
        'date "01.03.2026" is not a day (YYYY-MM-DD)',
        'name exactly one of cost_pool and cost_center',
        'The amount "1,234.50" is not a decimal such as "1234.56"',
        'source_reference is missing: every line keeps the ledger’s reference',
      ],
    });
    expect(checkLedgerLine({ ...fields, amount: '0.00' }, 2)).toEqual({ ok: false, problems: ['amount is zero: the line would import nothing'] });
    expect(checkLedgerLine({ ...fields, amount: '10.001' }, 2)).toEqual({ ok: false, problems: ['The amount "10.001" has more decimal places than EUR has (2)'] });
  });
  it('checks the header: known columns once each, the required ones, a cost pool or cost center column', () => {
    expect(checkLedgerHeader(['Date', 'account', 'cost_center', 'amount', 'currency', 'source_reference'])).toEqual(['date', 'account', 'cost_center', 'amount', 'currency', 'source_reference']);
    expect(() => checkLedgerHeader(['date', 'account', 'amount', 'currency', 'source_reference'])).toThrow('A cost_pool or a cost_center column is needed');
    expect(() => checkLedgerHeader(['date', 'amount', 'currency', 'source_reference', 'cost_pool', 'colour'])).toThrow('Unknown column "colour"; the columns are date, account, cost_pool, cost_center, amount, currency, source_reference, description');
    expect(() => checkLedgerHeader(['date', 'amount', 'currency', 'source_reference', 'cost_pool'])).toThrow('Missing column account');
  });
});
