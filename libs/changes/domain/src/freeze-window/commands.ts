import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * `freezeWindowId` (a uuid) is chosen by the application. `serviceIds` left out or null freezes every service;
 * `knownServiceIds` are those of `serviceIds` the changes' copy of the catalog knows (the application looks them up).
 */
export type DeclareFreezeWindow = Command<
  'DeclareFreezeWindow',
  {
    freezeWindowId: string;
    name: string;
    reason: string;
    from: string;
    to: string;
    serviceIds?: string[] | null;
    knownServiceIds: readonly string[];
  }
>;

/** Ends the freeze early (or cancels one that has not begun): changes may run again. */
export type LiftFreezeWindow = Command<'LiftFreezeWindow', { reason: string }>;

export type FreezeWindowCommand = DeclareFreezeWindow | LiftFreezeWindow;
