/**
 * Turns the data of one event type from one schema version into the next. Upcasters run on read: stored events
 * are never rewritten (DESIGN §3), so every reader sees the latest shape whatever version was written.
 */
export interface Upcaster<From = unknown, To = unknown> {
  /** The event type, as in the envelope (`ServiceRegistered`). */
  type: string;
  fromVersion: number;
  /** Always `fromVersion + 1`: a chain of small steps is easier to review than jumps. */
  toVersion: number;
  upcast(data: From): To;
}

/** What an upcaster chain needs of an event: its type, schema version and data (a `RecordedEvent` fits). */
export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}
