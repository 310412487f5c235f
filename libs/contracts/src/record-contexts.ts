import { CALENDAR_NUMBER_PREFIX, SERVICE_NUMBER_PREFIX } from './catalog/catalog-streams';
import { CHANGE_NUMBER_PREFIX } from './changes/change-streams';
import { INCIDENT_NUMBER_PREFIX } from './incidents/incident-streams';
import { contextOfStream, UnknownStreamTypeError, type EventContext } from './stream-contexts';

/** Which context numbers its records with each prefix (`INC0000042` is an incident's). */
export const RECORD_NUMBER_CONTEXTS: Readonly<Record<string, EventContext>> = Object.freeze({
  [INCIDENT_NUMBER_PREFIX]: 'incidents',
  [CHANGE_NUMBER_PREFIX]: 'changes',
  [SERVICE_NUMBER_PREFIX]: 'catalog',
  [CALENDAR_NUMBER_PREFIX]: 'catalog',
});

const RECORD_NUMBER = /^([A-Z]{3})\d{4,}$/;

/**
 * The context that holds a record named as people and tools name it: a number (`INC0000042`, `CHG…`, `SVC…`,
 * `CAL…`, any case) or a stream id (`incident-<uuid>`). Undefined for anything else (a bare uuid names no context).
 */
export const contextOfRecordReference = (reference: string): EventContext | undefined => {
  const text = reference.trim();
  const number = RECORD_NUMBER.exec(text.toUpperCase());
  if (number) return RECORD_NUMBER_CONTEXTS[number[1]];
  try {
    return contextOfStream(text);
  } catch (error) {
    if (error instanceof UnknownStreamTypeError) return undefined;
    throw error;
  }
};
