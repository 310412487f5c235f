import type { PeriodAdjustmentPostedV1, PeriodRunV1, PeriodStatementsPublishedV1 } from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import type { PeriodEvent } from './events';
import type { Statement } from './statement';

/**
 * A period: `open` (nothing run yet, or adjustments only), `run` (computed and reconciled; may run again), `published`
 * (statements out), `closed` (immutable). `stale`: an adjustment came after the latest run, which must run again
 * before its statements can be published.
 */
export interface PeriodState {
  status: 'open' | 'run' | 'published' | 'closed';
  period: string | null;
  latestRun: PeriodRunV1 | null;
  stale: boolean;
  adjustments: PeriodAdjustmentPostedV1[];
  published: PeriodStatementsPublishedV1 | null;
  statements: Statement[];
  closedAt: string | null;
}

export const initialState = (): PeriodState => ({ status: 'open', period: null, latestRun: null, stale: false, adjustments: [], published: null, statements: [], closedAt: null });

export const evolve = (state: PeriodState, event: PeriodEvent): PeriodState => {
  switch (event.type) {
    case 'PeriodRun':
      return { ...state, status: 'run', period: event.data.period, latestRun: event.data, stale: false };
    case 'PeriodAdjustmentPosted':
      return { ...state, period: event.data.period, adjustments: [...state.adjustments, event.data], stale: state.latestRun !== null };
    case 'PeriodStatementsPublished':
      return { ...state, status: 'published', published: event.data };
    case 'StatementPublished':
      return { ...state, statements: [...state.statements, event.data] };
    case 'PeriodClosed':
      return { ...state, status: 'closed', closedAt: event.data.closedAt };
    default:
      return assertNever(event);
  }
};
