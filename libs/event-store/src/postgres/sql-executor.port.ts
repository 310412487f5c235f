/** Runs SQL on one connection (or inside one transaction). */
export interface SqlSession {
  /** One statement with positional parameters ($1, $2, …); returns the rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** Stops a LISTEN registered with `SqlExecutor.listen`. */
export type Unlisten = () => Promise<void>;

/**
 * The SQL the event store needs, the same on `pg` (a pool of server connections) and PGlite (one in-process
 * connection): statements, READ COMMITTED transactions, and — where the database can reach other processes —
 * LISTEN/NOTIFY.
 */
export interface SqlExecutor extends SqlSession {
  /** Runs `work` in one READ COMMITTED transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlSession) => Promise<T>): Promise<T>;
  /** Present when other processes can write to the same database, so in-process wake-ups are not enough. */
  listen?(channel: string, onNotify: () => void): Promise<Unlisten>;
  close(): Promise<void>;
}
