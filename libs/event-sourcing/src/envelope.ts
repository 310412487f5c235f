/** Who caused an event: the person or system, the role they acted in, and the client they used. */
export interface Actor {
  id: string;
  role?: string;
  via?: string;
}

/** Context that a caller attaches to every event it appends (DESIGN §3). */
export interface EventMetadata {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  traceparent?: string | null;
}

/** An event as a decider produces it, before the store has given it a place in the log. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event ready to append: the domain fact plus its envelope fields chosen by the writer. */
export interface NewEvent<Type extends string = string, Data = unknown> extends DomainEvent<Type, Data> {
  eventId?: string;
  schemaVersion?: number;
  occurredAt?: Date;
  metadata: EventMetadata;
}

/** An event as the log holds it: the full envelope of DESIGN §3. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends DomainEvent<Type, Data> {
  eventId: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  globalPosition: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  hash: string;
}
