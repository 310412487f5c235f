// The credit policy stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { CreditPolicyEvent, CreditPolicyVersionPublished } from '@itsm/contracts';
