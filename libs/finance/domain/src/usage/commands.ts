import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** One metered record as a client sends it (`quantity` a decimal string). */
export interface UsageRecordInput {
  serviceId: string;
  consumerCostCenterId: string;
  unit: string;
  quantity: string;
  postedOn: string;
  reference?: string | null;
}

/**
 * A batch of metered usage under the client's `reference`. `batchId` is derived from the reference by the
 * application (one reference, one stream), which also passes what the decider cannot know from the stream: the
 * services finance's copy of the catalog knows, and the cost centers that are open.
 */
export type RecordUsage = Command<
  'RecordUsage',
  { batchId: string; reference: string; records: UsageRecordInput[]; knownServiceIds: readonly string[]; openCostCenterIds: readonly string[] }
>;

export type UsageCommand = RecordUsage;
