import { PERSONAL_DATA_FIELDS } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';

const DEFAULT_CAPACITY = 10_000;

/** The event that records a subject's erasure: owners learnt before it may name an erased subject. */
const SUBJECT_ERASED = 'SubjectErased';

/**
 * Whose a stream is: the data subject its first event names (`PERSONAL_DATA_FIELDS`: the incident's caller), read
 * through the decrypting store, so an erased subject owns nothing any more. Remembered per stream (the first event
 * never changes), forgotten when a subject is erased.
 */
export class StreamOwners {
  private readonly owners = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  ownerOf(streamId: string): Promise<string | undefined> {
    const known = this.owners.get(streamId);
    if (known) return known;
    const owner = this.readOwner(streamId);
    if (this.owners.size >= this.capacity) this.owners.delete(this.owners.keys().next().value as string);
    this.owners.set(streamId, owner);
    // A failed read is not remembered: the next event asks again.
    owner.catch(() => this.owners.delete(streamId));
    return owner;
  }

  /** Called with every event the feeds see before they ask: an erasure empties what was learnt. */
  observe(event: RecordedEvent): void {
    if (event.type === SUBJECT_ERASED) this.owners.clear();
  }

  private async readOwner(streamId: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(streamId, { toRevision: 0 });
    const subject = first ? PERSONAL_DATA_FIELDS[first.type]?.subject : undefined;
    if (!first || subject === undefined || subject === 'stream') return undefined;
    const owner = (first.data as Record<string, unknown> | null)?.[subject.field];
    return typeof owner === 'string' ? owner : undefined;
  }
}
