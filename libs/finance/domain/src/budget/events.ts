// The budget stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type {
  BudgetActualRecorded,
  BudgetCommitmentRecorded,
  BudgetEvent,
  BudgetFellBelowThreshold,
  BudgetPlanned,
  BudgetPlanRevised,
  BudgetThresholdCrossed,
} from '@itsm/contracts';
