import { CHANGE_EVENT_TYPES, type ChangeEventType } from './change-events';
import { FREEZE_WINDOW_EVENT_TYPES, type FreezeWindowEventType } from './freeze-window-events';

export type ChangesEventType = ChangeEventType | FreezeWindowEventType;

/** Every event type the changes context publishes (topic `itsm.changes.events.v1`). */
export const CHANGES_EVENT_TYPES: readonly ChangesEventType[] = [...CHANGE_EVENT_TYPES, ...FREEZE_WINDOW_EVENT_TYPES];

/** The schema version each changes event is written in today; readers upcast older ones to it. */
export const CHANGES_EVENT_SCHEMA_VERSIONS: Readonly<Record<ChangesEventType, number>> = Object.freeze(
  Object.fromEntries(CHANGES_EVENT_TYPES.map((type) => [type, 1])) as Record<ChangesEventType, number>,
);
