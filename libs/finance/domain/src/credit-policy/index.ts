export * from './commands';
export * from './events';
export type { CreditPolicyState, CreditPolicyVersion, InitialCreditPolicy, PublishedCreditPolicy } from './state';
export { creditPolicyInForce, creditPolicyOf, evolve as evolveCreditPolicy, initialState as initialCreditPolicy } from './state';
export { creditPolicyDecider } from './decide';
