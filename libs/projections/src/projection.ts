import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';

/** Schema-qualified, quoted names of a projection's tables, by the bare names it declared. */
export type TableNames<Table extends string> = Readonly<Record<Table, string>>;

/**
 * A read model built from events (DESIGN §5). The runtime owns where the tables live: it passes their names to
 * `createTables` and `apply`, so the same projection can write its live tables or shadow copies during a rebuild.
 *
 * Used from Kafka (distributed shape) events arrive in order per stream only, not in global order: `apply` must
 * give the same rows whatever the interleaving of different streams (keep per-stream state, or make updates
 * commutative across streams). Projections that hold to this run unchanged from the event store or from Kafka.
 */
export interface Projection<Table extends string = string> {
  /** Unique name; also the checkpoint key. Lower-case identifier. */
  readonly name: string;
  /** Event types to receive; an empty list means every event. */
  readonly eventTypes: readonly string[];
  /** Bare table names (lower-case identifiers), created in the runtime's read-model schema. */
  readonly tables: readonly Table[];
  /**
   * DDL that creates every table (and its indexes) under the given names. Leave indexes and constraints unnamed
   * (PostgreSQL derives a free name), because a rebuilt table keeps its index names when it is renamed into place.
   */
  createTables(tables: TableNames<Table>): string;
  /** Writes the effect of one event, inside the transaction that also moves the checkpoint. */
  apply(tx: SqlSession, event: RecordedEvent, tables: TableNames<Table>): Promise<void>;
  /**
   * Optional fast path for a batch (events in log order, or per-stream order from Kafka): must leave the same
   * rows as calling `apply` for each event in turn. Rebuilds use it to write many events per statement.
   */
  applyBatch?(tx: SqlSession, events: readonly RecordedEvent[], tables: TableNames<Table>): Promise<void>;
}

/** Declares a projection with its table names checked by the compiler. */
export const defineProjection = <Table extends string>(projection: Projection<Table>): Projection<Table> => projection;

/** Applies a batch through `applyBatch` when the projection has one, else event by event. */
export const applyEvents = async <Table extends string>(
  projection: Projection<Table>,
  tx: SqlSession,
  events: readonly RecordedEvent[],
  tables: TableNames<Table>,
): Promise<void> => {
  if (events.length === 0) return;
  if (projection.applyBatch) return projection.applyBatch(tx, events, tables);
  for (const event of events) await projection.apply(tx, event, tables);
};

/** Whether the projection receives this event type. */
export const handlesType = (projection: Projection, type: string): boolean =>
  projection.eventTypes.length === 0 || projection.eventTypes.includes(type);
