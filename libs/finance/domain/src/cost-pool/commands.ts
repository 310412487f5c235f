import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `costPoolId` is chosen by the application, which also checks that the owner cost center exists. */
export type OpenCostPool = Command<'OpenCostPool', { costPoolId: string; name: string; currency: string; ownerCostCenterId: string }>;

export type RenameCostPool = Command<'RenameCostPool', { name: string }>;

export type CloseCostPool = Command<'CloseCostPool', Record<string, never>>;

export type CostPoolCommand = OpenCostPool | RenameCostPool | CloseCostPool;
