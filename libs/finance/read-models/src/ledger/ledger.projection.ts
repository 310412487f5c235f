import { financeEntityIdOf, LEDGER_IMPORT_EVENT_TYPES, type LedgerImportedV1, type LedgerLinesImportedV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type LedgerTable = 'finance_ledger_imports' | 'finance_ledger_lines' | 'finance_ledger_totals';
export type LedgerTables = TableNames<LedgerTable>;

/**
 * General-ledger lines as imported: every line with its import, line number and source reference, indexed by
 * period (month) and target, which a period close reads; totals per month, target and currency (sums: any
 * interleaving of imports gives the same); and the imports themselves.
 */
export const ledgerProjection = defineProjection<LedgerTable>({
  name: 'finance_ledger',
  eventTypes: LEDGER_IMPORT_EVENT_TYPES,
  tables: ['finance_ledger_imports', 'finance_ledger_lines', 'finance_ledger_totals'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_ledger_imports} (
      import_id uuid PRIMARY KEY,
      file_name text,
      content_sha256 text NOT NULL,
      line_count integer NOT NULL,
      totals jsonb NOT NULL,
      first_posted_on date NOT NULL,
      last_posted_on date NOT NULL,
      imported_at timestamptz NOT NULL,
      imported_by text NOT NULL
    );
    CREATE INDEX ON ${t.finance_ledger_imports} (imported_at, import_id);
    CREATE TABLE ${t.finance_ledger_lines} (
      import_id uuid NOT NULL,
      line_number integer NOT NULL,
      posted_on date NOT NULL,
      month text NOT NULL,
      account text NOT NULL,
      target_kind text NOT NULL,
      target_id text NOT NULL,
      amount numeric NOT NULL,
      currency text NOT NULL,
      source_reference text NOT NULL,
      description text NOT NULL,
      PRIMARY KEY (import_id, line_number)
    );
    CREATE INDEX ON ${t.finance_ledger_lines} (month, target_kind, target_id);
    CREATE INDEX ON ${t.finance_ledger_lines} (posted_on, import_id, line_number);
    CREATE INDEX ON ${t.finance_ledger_lines} (source_reference);
    CREATE TABLE ${t.finance_ledger_totals} (
      month text NOT NULL,
      target_kind text NOT NULL,
      target_id text NOT NULL,
      currency text NOT NULL,
      amount numeric NOT NULL,
      lines integer NOT NULL,
      PRIMARY KEY (month, target_kind, target_id, currency)
    );`,
  apply: async (tx, event, t) => {
    const importId = financeEntityIdOf(event.streamId);
    if (event.type === 'LedgerImported') {
      const data = event.data as LedgerImportedV1;
      await tx.query(
        `INSERT INTO ${t.finance_ledger_imports} (import_id, file_name, content_sha256, line_count, totals, first_posted_on, last_posted_on, imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (import_id) DO NOTHING`,
        [importId, data.fileName, data.contentSha256, data.lineCount, JSON.stringify(data.totals), data.firstPostedOn, data.lastPostedOn, data.importedAt, event.actor.id],
      );
      return;
    }
    if (event.type !== 'LedgerLinesImported') return;
    const { lines } = event.data as LedgerLinesImportedV1;
    const column = <T>(pick: (line: LedgerLinesImportedV1['lines'][number]) => T) => lines.map(pick);
    const columns = [
      column((l) => l.lineNumber),
      column((l) => l.postedOn),
      column((l) => l.account),
      column((l) => l.target.kind),
      column((l) => l.target.id),
      column((l) => l.amount.amount),
      column((l) => l.amount.currency),
      column((l) => l.sourceReference),
      column((l) => l.description),
    ];
    await tx.query(
      `INSERT INTO ${t.finance_ledger_lines} (import_id, line_number, posted_on, month, account, target_kind, target_id, amount, currency, source_reference, description)
       SELECT $1::uuid, l.n, l.posted_on, to_char(l.posted_on, 'YYYY-MM'), l.account, l.kind, l.target, l.amount, l.currency, l.ref, l.description
       FROM unnest($2::int[], $3::date[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[], $9::text[], $10::text[])
         AS l(n, posted_on, account, kind, target, amount, currency, ref, description)
       ON CONFLICT DO NOTHING`,
      [importId, ...columns],
    );
    await tx.query(
      `INSERT INTO ${t.finance_ledger_totals} AS total (month, target_kind, target_id, currency, amount, lines)
       SELECT to_char(l.posted_on, 'YYYY-MM'), l.kind, l.target, l.currency, sum(l.amount), count(*)
       FROM unnest($1::date[], $2::text[], $3::text[], $4::numeric[], $5::text[]) AS l(posted_on, kind, target, amount, currency)
       GROUP BY 1, 2, 3, 4
       ON CONFLICT (month, target_kind, target_id, currency) DO UPDATE SET amount = total.amount + excluded.amount, lines = total.lines + excluded.lines`,
      [columns[1], columns[3], columns[4], columns[5], columns[6]],
    );
  },
});
