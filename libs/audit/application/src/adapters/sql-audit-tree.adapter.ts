import {
  CompactRange,
  HASH_BYTES,
  nodeFromTiles,
  nodeKey,
  rangeNodes,
  tileKey,
  tilesOfNodes,
  TILE_WIDTH,
  type Hash,
  type NodeId,
  type SignedCheckpoint,
  type TileAppend,
  type TileId,
} from '@itsm/audit-domain';
import type { SqlExecutor, SqlSession } from '@itsm/event-store';
import { auditTables, migrateAuditSchema, type AuditTables } from '../schema/audit-schema';

/** Where the stored tree stands. */
export interface TreeState {
  treeSize: number;
  /** Global position of the last leaf (0 when empty). */
  lastPosition: number;
  edge: CompactRange;
  /** The last leaf's hash, to check that the log still ends the way the tree does. */
  lastLeaf: Hash | null;
}

/** Leaves whose positions follow each other: leaf firstLeaf + i is the event at firstPosition + i. */
export interface LeafRun {
  firstLeaf: number;
  firstPosition: number;
  length: number;
}

/** A stored checkpoint row. */
export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Hash;
  lastPosition: number;
  signedAt: string;
  keyName: string;
  keyId: string;
  note: string;
  copiedAt: string | null;
}

/** Another checkpointer moved the tree first (two processes with the checkpointer on): reload and go on. */
export class TreeMovedConcurrently extends Error {
  override readonly name = 'TreeMovedConcurrently';
}

export interface TreeAdvance {
  before: TreeState;
  after: TreeState;
  tiles: readonly TileAppend[];
  runs: readonly LeafRun[];
  /** Checkpoints signed at sizes the advance passed (or ends at), smallest first. */
  checkpoints: readonly SignedCheckpoint[];
}

/** bytea comes back as a Buffer from `pg` and a Uint8Array from PGlite. */
const bytes = (value: Uint8Array): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

interface CheckpointRow {
  tree_size: string | number;
  root_hash: Uint8Array;
  last_position: string | number;
  signed_at: string;
  key_name: string;
  key_id: string;
  note: string;
  copied_at: string | null;
}

const CHECKPOINT_COLUMNS = `tree_size, root_hash, last_position, to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS signed_at,
  key_name, key_id, note, to_char(copied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS copied_at`;

const checkpointOf = (row: CheckpointRow): StoredCheckpoint => ({
  treeSize: Number(row.tree_size),
  rootHash: bytes(row.root_hash),
  lastPosition: Number(row.last_position),
  signedAt: row.signed_at,
  keyName: row.key_name,
  keyId: row.key_id,
  note: row.note,
  copiedAt: row.copied_at,
});

/**
 * The audit tree in SQL (schema `audit`): its state row, its tiles, the leaf ↔ position runs and the signed
 * checkpoints. One writer at a time: every advance is fenced on the tree size it started from.
 */
export class SqlAuditTree {
  readonly tables: AuditTables;
  private migrated: Promise<void> | undefined;

  constructor(
    private readonly db: SqlExecutor,
    schema?: string,
  ) {
    this.tables = auditTables(schema);
  }

  /** Creates the tables once per instance. */
  migrate(): Promise<void> {
    return (this.migrated ??= migrateAuditSchema(this.db, this.tables).catch((error: unknown) => {
      this.migrated = undefined;
      throw error;
    }));
  }

  /** Whether the audit tables exist (a reader must not create them, e.g. `itsm verify` on a log never served). */
  async exists(): Promise<boolean> {
    const [row] = await this.db.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${this.tables.schema}.checkpoints`]);
    return row.present;
  }

  async readState(session: SqlSession = this.db): Promise<TreeState> {
    const [row] = await session.query<{ tree_size: string | number; last_position: string | number; edge: Uint8Array; last_leaf: Uint8Array | null }>(
      `SELECT tree_size, last_position, edge, last_leaf FROM ${this.tables.state}`,
    );
    if (!row) return { treeSize: 0, lastPosition: 0, edge: CompactRange.empty(), lastLeaf: null };
    const treeSize = Number(row.tree_size);
    return { treeSize, lastPosition: Number(row.last_position), edge: CompactRange.decode(treeSize, bytes(row.edge)), lastLeaf: row.last_leaf ? bytes(row.last_leaf) : null };
  }

  async lastRun(session: SqlSession = this.db): Promise<LeafRun | null> {
    const [row] = await session.query<{ first_leaf: string; first_position: string; length: number }>(
      `SELECT first_leaf, first_position, length FROM ${this.tables.leafRuns} ORDER BY first_leaf DESC LIMIT 1`,
    );
    return row ? { firstLeaf: Number(row.first_leaf), firstPosition: Number(row.first_position), length: Number(row.length) } : null;
  }

  /** Writes one advance of the tree in one transaction; throws TreeMovedConcurrently when another writer moved it. */
  async advance({ before, after, tiles, runs, checkpoints }: TreeAdvance, check?: (tx: SqlSession) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [moved] = await tx.query<{ tree_size: string }>(
        `INSERT INTO ${this.tables.state} AS state (id, tree_size, last_position, edge, last_leaf, updated_at)
         VALUES (true, $1, $2, decode($3, 'hex'), decode($4, 'hex'), now())
         ON CONFLICT (id) DO UPDATE SET tree_size = excluded.tree_size, last_position = excluded.last_position, edge = excluded.edge,
           last_leaf = excluded.last_leaf, updated_at = excluded.updated_at
         WHERE state.tree_size = $5
         RETURNING tree_size`,
        [after.treeSize, after.lastPosition, after.edge.encode().toString('hex'), after.lastLeaf?.toString('hex') ?? null, before.treeSize],
      );
      if (!moved) throw new TreeMovedConcurrently(`the audit tree is no longer at ${before.treeSize} leaves`);
      await this.appendTiles(tx, tiles);
      if (runs.length > 0) {
        await tx.query(
          `INSERT INTO ${this.tables.leafRuns} (first_leaf, first_position, length)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::integer[])
           ON CONFLICT (first_leaf) DO UPDATE SET length = excluded.length`,
          [runs.map((run) => run.firstLeaf), runs.map((run) => run.firstPosition), runs.map((run) => run.length)],
        );
      }
      if (check) await check(tx);
      if (checkpoints.length > 0) {
        const column = <T>(of: (checkpoint: SignedCheckpoint) => T) => checkpoints.map(of);
        await tx.query(
          `INSERT INTO ${this.tables.checkpoints} (tree_size, root_hash, last_position, signed_at, key_name, key_id, note)
           SELECT size, decode(root, 'hex'), position, signed::timestamptz, key_name, key_id, note
             FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS signed_now (size, root, position, signed, key_name, key_id, note)`,
          [
            column((checkpoint) => checkpoint.treeSize),
            column((checkpoint) => checkpoint.rootHash.toString('hex')),
            column((checkpoint) => checkpoint.lastPosition),
            column((checkpoint) => checkpoint.time),
            column((checkpoint) => checkpoint.keyName),
            column((checkpoint) => checkpoint.keyId),
            column((checkpoint) => checkpoint.note),
          ],
        );
      }
    });
  }

  /** Adds hashes at the end of tiles; refuses a tile that does not end where the addition starts. */
  private async appendTiles(tx: SqlSession, appends: readonly TileAppend[]): Promise<void> {
    if (appends.length === 0) return;
    const lengths = await tx.query<{ level: number; index: string; length: number }>(
      `SELECT level, index, length(hashes) AS length FROM ${this.tables.tiles}
        WHERE (level, index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
      [appends.map((tile) => tile.level), appends.map((tile) => tile.index)],
    );
    const stored = new Map(lengths.map((row) => [tileKey({ level: Number(row.level), index: Number(row.index) }), Number(row.length)]));
    for (const append of appends) {
      const length = stored.get(tileKey(append)) ?? 0;
      if (length !== append.offset * HASH_BYTES) {
        throw new Error(`stored tile ${tileKey(append)} holds ${length / HASH_BYTES} hashes, the tree expected ${append.offset}: the audit tables were changed`);
      }
    }
    await tx.query(
      `INSERT INTO ${this.tables.tiles} AS tile (level, index, hashes)
       SELECT level, index, decode(hashes, 'hex') FROM unnest($1::smallint[], $2::bigint[], $3::text[]) AS added(level, index, hashes)
       ON CONFLICT (level, index) DO UPDATE SET hashes = tile.hashes || excluded.hashes`,
      [appends.map((tile) => tile.level), appends.map((tile) => tile.index), appends.map((tile) => tile.hashes.toString('hex'))],
    );
  }

  async readTiles(tiles: readonly TileId[], session: SqlSession = this.db): Promise<Map<string, Buffer>> {
    if (tiles.length === 0) return new Map();
    const rows = await session.query<{ level: number; index: string; hashes: Uint8Array }>(
      `SELECT level, index, hashes FROM ${this.tables.tiles} WHERE (level, index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
      [tiles.map((tile) => tile.level), tiles.map((tile) => tile.index)],
    );
    return new Map(rows.map((row) => [tileKey({ level: Number(row.level), index: Number(row.index) }), bytes(row.hashes)]));
  }

  /** Hashes of perfect subtrees of the stored tree, by `nodeKey`. */
  async readNodes(ids: readonly NodeId[], session: SqlSession = this.db): Promise<Map<string, Hash>> {
    const tiles = await this.readTiles(tilesOfNodes(ids), session);
    return new Map(ids.map((id) => [nodeKey(id), nodeFromTiles(id, tiles)]));
  }

  /** The tree's edge at `size` leaves (to continue a verification from the middle of the log). */
  async edgeAt(size: number): Promise<CompactRange> {
    if (size === 0) return CompactRange.empty();
    const ids = rangeNodes({ start: 0, end: size });
    const nodes = await this.readNodes(ids);
    return CompactRange.of(size, ids.map((id) => nodes.get(nodeKey(id)) as Hash));
  }

  /** The recorded leaf hashes [first, first + count), as far as the tree goes. */
  async readLeaves(first: number, count: number): Promise<Hash[]> {
    if (count <= 0) return [];
    const firstTile = Math.floor(first / TILE_WIDTH);
    const lastTile = Math.floor((first + count - 1) / TILE_WIDTH);
    const rows = await this.db.query<{ index: string; hashes: Uint8Array }>(
      `SELECT index, hashes FROM ${this.tables.tiles} WHERE level = 0 AND index BETWEEN $1 AND $2 ORDER BY index`,
      [firstTile, lastTile],
    );
    const leaves: Hash[] = [];
    let expectedTile = firstTile;
    for (const row of rows) {
      if (Number(row.index) !== expectedTile) break;
      const tile = bytes(row.hashes);
      for (let at = 0; at < tile.length; at += HASH_BYTES) {
        const index = expectedTile * TILE_WIDTH + at / HASH_BYTES;
        if (index >= first && index < first + count) leaves.push(tile.subarray(at, at + HASH_BYTES));
      }
      expectedTile++;
    }
    return leaves;
  }

  /** The leaf index of the event at `position`, or of the first event after it when none is there; null past the tree. */
  async leafAtOrAfter(position: number): Promise<{ leafIndex: number; position: number } | null> {
    const [row] = await this.db.query<{ first_leaf: string; first_position: string; length: number }>(
      `(SELECT first_leaf, first_position, length FROM ${this.tables.leafRuns} WHERE first_position <= $1 ORDER BY first_position DESC LIMIT 1)
       UNION ALL
       (SELECT first_leaf, first_position, length FROM ${this.tables.leafRuns} WHERE first_position > $1 ORDER BY first_position LIMIT 1)`,
      [position],
    ).then((rows) => rows.filter((candidate) => Number(candidate.first_position) + Number(candidate.length) > position));
    if (!row) return null;
    const firstPosition = Number(row.first_position);
    const offset = Math.max(0, position - firstPosition);
    return { leafIndex: Number(row.first_leaf) + offset, position: firstPosition + offset };
  }

  /** The global position the tree recorded for a leaf, or null past the tree. */
  async positionOfLeaf(leafIndex: number): Promise<number | null> {
    const [row] = await this.db.query<{ first_leaf: string; first_position: string; length: number }>(
      `SELECT first_leaf, first_position, length FROM ${this.tables.leafRuns} WHERE first_leaf <= $1 ORDER BY first_leaf DESC LIMIT 1`,
      [leafIndex],
    );
    if (!row || Number(row.first_leaf) + Number(row.length) <= leafIndex) return null;
    return Number(row.first_position) + leafIndex - Number(row.first_leaf);
  }

  /** The leaf index of exactly this position, or null when the tree has no leaf for it. */
  async leafOf(position: number): Promise<number | null> {
    const found = await this.leafAtOrAfter(position);
    return found && found.position === position ? found.leafIndex : null;
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const [row] = await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ${this.tables.checkpoints} ORDER BY tree_size DESC LIMIT 1`);
    return row ? checkpointOf(row) : null;
  }

  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | null> {
    const [row] = await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ${this.tables.checkpoints} WHERE tree_size = $1`, [treeSize]);
    return row ? checkpointOf(row) : null;
  }

  /** Checkpoints by tree size, newest first, after a cursor (the tree size of the last one served). */
  async listCheckpoints({ before, limit }: { before?: number; limit: number }): Promise<StoredCheckpoint[]> {
    const rows = await this.db.query<CheckpointRow>(
      `SELECT ${CHECKPOINT_COLUMNS} FROM ${this.tables.checkpoints} WHERE ($1::bigint IS NULL OR tree_size < $1::bigint) ORDER BY tree_size DESC LIMIT $2`,
      [before ?? null, limit],
    );
    return rows.map(checkpointOf);
  }

  /** Every checkpoint, oldest first, in pages (verification reads them all; a few thousand rows per million events). */
  async *allCheckpoints(pageSize = 1000): AsyncGenerator<StoredCheckpoint> {
    let after = -1;
    for (;;) {
      const rows = await this.db.query<CheckpointRow>(
        `SELECT ${CHECKPOINT_COLUMNS} FROM ${this.tables.checkpoints} WHERE tree_size > $1 ORDER BY tree_size LIMIT $2`,
        [after, pageSize],
      );
      for (const row of rows) yield checkpointOf(row);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].tree_size);
    }
  }

  async uncopiedCheckpoints(limit = 100): Promise<StoredCheckpoint[]> {
    const rows = await this.db.query<CheckpointRow>(`SELECT ${CHECKPOINT_COLUMNS} FROM ${this.tables.checkpoints} WHERE copied_at IS NULL ORDER BY tree_size LIMIT $1`, [limit]);
    return rows.map(checkpointOf);
  }

  async markCopied(treeSize: number): Promise<void> {
    await this.db.query(`UPDATE ${this.tables.checkpoints} SET copied_at = now() WHERE tree_size = $1`, [treeSize]);
  }
}
