export * from './commands';
export * from './events';
export type {
  ApprovalRound, CausedIncident, Change, Completion, PostImplementationReview, RaisedChange, RecordedDecision, RecordedRisk, UnraisedChange,
} from './state';
export { evolve as evolveChange, initialState as initialChange } from './state';
export { changeDecider } from './decide';
export { PLAN_MAX_LENGTH, SHORT_DESCRIPTION_MAX_LENGTH, TEXT_MAX_LENGTH } from './change-fields';
export { materialContentHash, materialContentOf, type MaterialContent } from './material-content';
export { approvalsNeeded, evaluateStage, type StageOutcome, type StageTally } from './quorum';
export { pendingApprovalsOf } from './approval-stages';
export { reviewRequired } from './implement';
