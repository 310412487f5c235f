export * from './commands';
export * from './events';
export type { Dispute, NoDispute, OpenDisputeState, ResolvedDispute } from './state';
export { evolve as evolveDispute, initialState as initialDispute } from './state';
export { DISPUTE_TEXT_MAX_LENGTH, disputeDecider } from './decide';
