import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `disputeId` is chosen by the application (a uuid); the statement and its line are opaque ids here. */
export type OpenDispute = Command<'OpenDispute', { disputeId: string; statementId: string; lineId: string; reason: string }>;
export type StartDisputeReview = Command<'StartDisputeReview', Record<string, never>>;
export type ResolveDispute = Command<'ResolveDispute', { outcome: string; resolution: string }>;

export type DisputeCommand = OpenDispute | StartDisputeReview | ResolveDispute;
