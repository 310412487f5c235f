import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * `costCenterId` is chosen by the application (a uuid) before the command is decided. The application also checks
 * what one stream cannot: that the code is unique and that the parent exists.
 */
export type OpenCostCenter = Command<
  'OpenCostCenter',
  { costCenterId: string; code: string; name: string; currency: string; parentId?: string | null }
>;

export type RenameCostCenter = Command<'RenameCostCenter', { name: string }>;

/** `parentId` null moves it to the top. The application checks the parent exists and that no cycle follows. */
export type MoveCostCenter = Command<'MoveCostCenter', { parentId: string | null }>;

export type CloseCostCenter = Command<'CloseCostCenter', Record<string, never>>;

export type CostCenterCommand = OpenCostCenter | RenameCostCenter | MoveCostCenter | CloseCostCenter;
