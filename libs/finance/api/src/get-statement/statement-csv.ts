import type { Statement } from '@itsm/finance-domain';

/** The CSV columns of a statement export, one row per line (the statement's fields repeated on each). */
export const STATEMENT_CSV_COLUMNS = [
  'statement_id', 'period', 'cost_center_id', 'cost_center_code', 'mode', 'content_hash', 'line_id', 'kind', 'description', 'posted_on', 'amount', 'currency', 'reporting_amount',
  'reporting_currency', 'source_kind', 'source_id', 'rule_id', 'rule_revision', 'basis', 'account', 'ledger_line_count', 'service_id', 'incident_number', 'breach_event_id', 'credit_id',
  'adjustment_id', 'corrects_period', 'corrects_statement_id', 'corrects_line_id',
] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled; one starting with = + - @ is prefixed with ' (no formulas in a spreadsheet). */
const field = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+@]/.test(text) || (/^-/.test(text) && !/^-\d+(\.\d+)?$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The statement as CSV, row by row (a header, then one row per line), so a long statement streams. */
export function* statementCsvRows(statement: Statement): Generator<string> {
  yield `${STATEMENT_CSV_COLUMNS.join(',')}\r\n`;
  for (const line of statement.lines) {
    const row = [
      statement.statementId, statement.period, statement.costCenterId, statement.costCenterCode, statement.mode, statement.contentHash, line.lineId, line.kind, line.description,
      line.postedOn, line.amount.amount, line.amount.currency, line.reportingAmount.amount, line.reportingAmount.currency, line.source?.kind, line.source?.id, line.ruleId,
      line.ruleRevision, line.basis === undefined ? undefined : `${line.basis.method} ${line.basis.share}/${line.basis.of}${line.basis.unit ? ` ${line.basis.unit}` : ''}`,
      line.account, line.ledgerLineCount, line.serviceId, line.incidentNumber, line.breachEventId, line.creditId, line.adjustmentId, line.correctsPeriod, line.correctsStatementId,
      line.correctsLineId,
    ];
    yield `${row.map(field).join(',')}\r\n`;
  }
}
