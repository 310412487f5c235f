import type { NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';

/**
 * What an adapter gives the contract suite (`describeEventStoreContract`). One harness serves the whole
 * suite: every case writes to streams with its own random prefix and reads the log filtered by that
 * prefix, so cases do not see each other's events.
 */
export interface EventStoreContractHarness {
  /** The store under test, on a fresh (or otherwise unshared) log. */
  store: EventStore;
  /**
   * A second store instance on the same log, as a restarted process would open it (for restart cases).
   * The harness keeps track of it and closes it in `dispose()`.
   */
  reopen(): Promise<EventStore>;
  /**
   * Alters history behind the store's back, as someone with raw access to the storage would: puts `data`
   * where the stream's event at `revision` was, keeping that event's envelope and hash. Where the storage
   * can rewrite in place (SQL) the event at `revision` is changed; where it cannot (EventStoreDB's immutable
   * log) a forged copy is appended through the raw client. Returns the revision that now holds the forgery:
   * the hash chain must break exactly there.
   */
  tamperWithEvent(streamId: string, revision: number, data: unknown): Promise<{ tamperedRevision: number }>;
  /**
   * Tries to UPDATE and to DELETE the events of a stream through the storage itself (e.g. SQL), and returns
   * the errors raised (undefined where the storage allowed it). The refusal's message must say
   * "append-only". Omit when the storage has no such operations (EventStoreDB); the suite then checks
   * the port-level guarantee instead.
   */
  attemptRewrite?(streamId: string): Promise<{ updateError: unknown; deleteError: unknown }>;
  /**
   * Starts an append in its own transaction and resolves once its rows are written (its global positions
   * taken) but not committed; the commit waits until `release()`, which resolves after it. Omit when the
   * storage cannot hold an append open (EventStoreDB, or PGlite's single connection): the log order is then
   * the commit order, and the suite checks readers under concurrent appends instead.
   */
  holdAppendOpen?(streamId: string, events: NewEvent[]): Promise<HeldAppend>;
  /** Closes every store the harness opened and removes the log it created. */
  dispose(): Promise<void>;
}

/**
 * An append held open by `holdAppendOpen`. `isOpen` and `waitingBehind` ask the storage itself, not the harness's
 * memory, so the suite can prove the append was still uncommitted at the moment it read, and that the appends it
 * races against had reached the storage by then.
 */
export interface HeldAppend {
  /** Whether the held append's transaction is still in progress, as the storage reports it now. */
  isOpen(): Promise<boolean>;
  /** How many other transactions are waiting on the held one right now (e.g. queued on a lock it holds). */
  waitingBehind(): Promise<number>;
  /** Lets the held append commit; resolves after the commit. */
  release(): Promise<void>;
}
