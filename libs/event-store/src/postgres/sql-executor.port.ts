export interface QueryOptions {
  /**
   * Prepare the statement once per server connection under this name and reuse it (one name, one text, always).
   * Ignored where preparing saves nothing (PGlite).
   */
  prepareAs?: string;
}

/** Runs SQL on one connection (or inside one transaction). */
export interface SqlSession {
  /** One statement with positional parameters ($1, $2, …); returns the rows. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * A session inside `SqlExecutor.transaction`. On a pipelined server connection, statements issued without
 * awaiting the previous ones travel together (BEGIN goes with the first ones): one round trip for all of them.
 */
export interface SqlTransaction extends SqlSession {
  /**
   * Ends the transaction now rather than when the work returns, so that on a pipelined server connection COMMIT
   * travels with the statements still in flight. It must be the work's last call. A failed statement still
   * rejects its own promise, and the transaction rolls back.
   */
  commit(): Promise<void>;
}

/** A NOTIFY received; `fromThisExecutor` when one of this executor's own connections sent it. */
export interface Notice {
  fromThisExecutor: boolean;
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
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Present when other processes can write to the same database, so in-process wake-ups are not enough. */
  listen?(channel: string, onNotify: (notice: Notice) => void): Promise<Unlisten>;
  /** True when the database has one connection that runs one transaction at a time (PGlite): transactions never overlap. */
  readonly runsOneTransactionAtATime?: boolean;
  /**
   * The whole output of one `COPY … TO STDOUT` statement, as the server sent it, in the chunks it arrived in (a row
   * may span two: joining them into one buffer cost a copy and fresh pages per read): bulk readers walk the bytes
   * themselves instead of a row object and a string per column. Present on a server's connections that are not
   * pipelined; absent on PGlite.
   */
  copyOut?(statement: string): Promise<Buffer[]>;
  close(): Promise<void>;
}
