// The period stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type {
  PeriodAdjustmentPosted,
  PeriodClosed,
  PeriodEvent,
  PeriodRun,
  PeriodStatementsPublished,
  StatementPublished,
} from '@itsm/contracts';
