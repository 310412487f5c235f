import type { StatementModeV1, StatementPublishedV1 } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { sha256OfCanonicalJson } from './canonical-json';
import type { StatementDraft } from './compute-period';

export type StatementMode = StatementModeV1;
export type Statement = StatementPublishedV1;
export const STATEMENT_MODES: readonly StatementMode[] = ['showback', 'chargeback'];

/** A statement's id: the period and the cost center ("2026-03.0190…"), so that it names where it is kept. */
export const statementIdOf = (period: string, costCenterId: string): string => `${period}.${costCenterId}`;

const STATEMENT_ID = /^(\d{4}-(?:0[1-9]|1[0-2]))\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The period and cost center of a statement id, or null when it is not one. */
export const parseStatementId = (id: string): { period: string; costCenterId: string } | null => {
  const match = STATEMENT_ID.exec(String(id).toLowerCase());
  return match === null ? null : { period: match[1], costCenterId: match[2] };
};

export const requireStatementMode = (mode: unknown): StatementMode => {
  if (mode === 'showback' || mode === 'chargeback') return mode;
  throw new RuleViolation(`A statement's mode is showback or chargeback, not "${String(mode).slice(0, 40)}"`);
};

/**
 * The content hash of a statement: sha256 (hex) of the canonical JSON (`canonicalJson`) of the statement without its
 * `contentHash` field, i.e. of `{ amountDue, costCenterCode, costCenterId, currency, lines, mode, period,
 * reportingCurrency, reportingTotal, statementId, total }` with every line's fields. Money is the wire shape (decimal
 * strings with the currency's exponent), so the same statement always has the same bytes.
 */
export const statementHash = (statement: Omit<Statement, 'contentHash'> & { contentHash?: string }): string => {
  const content: Partial<Statement> = { ...statement };
  delete content.contentHash;
  return sha256OfCanonicalJson(content);
};

/** A draft published in a mode: chargeback charges its total (`amountDue`), showback only shows it. */
export const publishStatement = (period: string, draft: StatementDraft, mode: StatementMode): Statement => {
  const content: Omit<Statement, 'contentHash'> = {
    period,
    statementId: statementIdOf(period, draft.costCenterId),
    costCenterId: draft.costCenterId,
    costCenterCode: draft.costCenterCode,
    mode: requireStatementMode(mode),
    currency: draft.currency,
    reportingCurrency: draft.reportingCurrency,
    total: draft.total,
    reportingTotal: draft.reportingTotal,
    amountDue: mode === 'chargeback' ? draft.total : null,
    lines: draft.lines,
  };
  return { ...content, contentHash: statementHash(content) };
};
