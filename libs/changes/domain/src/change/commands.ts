import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `changeId` is chosen by the application (a uuid) before the command is decided. */
export type RaiseChange = Command<'RaiseChange', { changeId: string; shortDescription: string }>;

export type ChangeCommand = RaiseChange;
