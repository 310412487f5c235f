import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `costCenterId` is chosen by the application (a uuid) before the command is decided. */
export type OpenCostCenter = Command<'OpenCostCenter', { costCenterId: string; name: string }>;

export type CostCenterCommand = OpenCostCenter;
