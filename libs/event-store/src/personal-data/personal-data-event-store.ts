import type { NewEvent, RecordedEvent } from '@itsm/event-sourcing';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEventJson,
  StreamAppend,
  SubscribeBatchOptions,
  SubscribeJsonOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import type { PersonalDataVault } from './personal-data-vault';

/**
 * Any event store with personal fields encrypted on the way in and decrypted on the way out (`PersonalDataVault`):
 * the one write path and the one read path of every adapter (PostgreSQL, PGlite, EventStoreDB, in memory), below
 * the write pipeline, projections, process managers and the relay, above the adapters' sealing. The adapter seals
 * and hashes what it is given, the ciphertext, so the hash chain and the audit tree cover the stored form.
 *
 * `stored` is the store underneath, for the tools that must see the log as stored: verification, the audit tree,
 * proofs, backups and exports. Imports (restores) write the stored form as it is.
 */
export class PersonalDataEventStore implements EventStore {
  readonly appendToStreams?: (appends: readonly StreamAppend[]) => Promise<AppendResult[]>;
  readonly importEvents?: (events: readonly RecordedEvent[]) => Promise<void>;
  readonly headPosition?: () => Promise<number>;
  readonly subscribeToAllJson?: (options: SubscribeJsonOptions) => Subscription;
  readonly subscribeToAllBatches?: (options: SubscribeBatchOptions) => Subscription;
  private stopListening: Promise<(() => Promise<void>) | undefined> | undefined;

  constructor(
    readonly stored: EventStore,
    readonly vault: PersonalDataVault,
    onErased?: (listener: () => void) => Promise<() => Promise<void>>,
  ) {
    const { appendToStreams, importEvents } = stored;
    if (appendToStreams) {
      this.appendToStreams = async (appends) => {
        const sealed = await Promise.all(appends.map(async (append) => ({ ...append, events: await vault.protect(append.streamId, append.events) })));
        const results = await appendToStreams.call(stored, sealed);
        return results.map((result, index) => withWrittenData(result, appends[index].events));
      };
    }
    if (importEvents) this.importEvents = (events) => importEvents.call(stored, events);
    const { headPosition } = stored;
    if (headPosition) this.headPosition = () => headPosition.call(stored);
    const { subscribeToAllJson } = stored;
    if (subscribeToAllJson) {
      this.subscribeToAllJson = (options) =>
        subscribeToAllJson.call(stored, { ...options, onEvent: async (event) => options.onEvent(await this.revealJson(event)) });
    }
    const { subscribeToAllBatches } = stored;
    if (subscribeToAllBatches) {
      this.subscribeToAllBatches = (options) =>
        subscribeToAllBatches.call(stored, { ...options, onBatch: async (events, readUpTo) => options.onBatch(await vault.reveal(events), readUpTo) });
    }
    this.stopListening = onErased?.(() => vault.forgetKeys()).catch(() => undefined);
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const result = await this.stored.appendToStream(streamId, await this.vault.protect(streamId, events), options);
    return withWrittenData(result, events);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.vault.reveal(await this.stored.readStream(streamId, options));
    if ((options?.fromRevision ?? 0) === 0) await this.vault.rememberSubjects(events.slice(0, 1));
    return events;
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.stored.readAll(options);
    return { ...result, events: await this.vault.reveal(result.events) };
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.stored.subscribeToAll({ ...options, onEvent: async (event) => options.onEvent((await this.vault.reveal([event]))[0]) });
  }

  /** The JSON text as it is unless the type has personal fields and an envelope is in it: the same view as `subscribeToAll`. */
  private async revealJson(event: RecordedEventJson): Promise<RecordedEventJson> {
    if (!this.vault.mayHoldPersonalFields(event.type)) return event;
    const { dataJson, actorJson, ...envelope } = event;
    const parsed: RecordedEvent = { ...envelope, data: JSON.parse(dataJson), actor: JSON.parse(actorJson) };
    const [revealed] = await this.vault.reveal([parsed]);
    return revealed === parsed ? event : { ...event, dataJson: JSON.stringify(revealed.data ?? null) };
  }

  ping(): Promise<void> {
    return this.stored.ping();
  }

  async close(): Promise<void> {
    const stop = await this.stopListening;
    await stop?.().catch(() => undefined);
    await this.stored.close();
  }
}

/** The appended events as the writer gave them (plaintext), with the envelope the store recorded. */
const withWrittenData = (result: AppendResult, written: readonly NewEvent[]): AppendResult => ({
  ...result,
  events: result.events.map((event, index) => ({ ...event, data: written[index]?.data ?? event.data })),
});
