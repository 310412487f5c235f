import { STREAM_TYPE_CONTEXTS, streamTypeOf, type EventContext } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { Role } from '@itsm/platform-kit';
import type { StreamOwners } from './stream-owners';

/**
 * Who may read each context's events as they happen: the roles that read its records through the API. A
 * requester reads no context as a whole, only their own incidents (below).
 */
export const CONTEXT_EVENT_READERS: Readonly<Record<EventContext, readonly Role[]>> = Object.freeze({
  incidents: ['agent', 'incident-manager', 'auditor', 'admin'],
  changes: ['agent', 'change-manager', 'cab-member', 'service-owner', 'auditor', 'admin'],
  catalog: ['agent', 'incident-manager', 'change-manager', 'cab-member', 'service-owner', 'finance', 'auditor', 'admin'],
  finance: ['finance', 'auditor', 'admin'],
});

/** Erasures name data subjects: only those who answer for the data protection see them. */
const DATA_SUBJECT_READERS: readonly Role[] = ['auditor', 'admin'];
const DATA_SUBJECT_STREAM = 'data-subject';
const OWNED_STREAM = 'incident';

export interface Reader {
  id: string;
  roles: readonly Role[];
}

/** Decides, event by event, whether a reader may see it; never guesses: an unknown stream type is not shown. */
export class EventVisibility {
  constructor(private readonly owners: StreamOwners) {}

  async canRead(reader: Reader, event: RecordedEvent): Promise<boolean> {
    this.owners.observe(event);
    let streamType: string;
    try {
      streamType = streamTypeOf(event.streamId);
    } catch {
      return false;
    }
    const readers = streamType === DATA_SUBJECT_STREAM ? DATA_SUBJECT_READERS : CONTEXT_EVENT_READERS[STREAM_TYPE_CONTEXTS[streamType]];
    if (reader.roles.some((role) => readers.includes(role))) return true;
    if (reader.roles.includes('requester') && streamType === OWNED_STREAM) {
      return (await this.owners.ownerOf(event.streamId)) === reader.id;
    }
    return false;
  }
}
