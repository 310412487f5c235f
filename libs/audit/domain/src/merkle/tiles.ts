import { HASH_BYTES, type Hash } from './hashes';
import { perfectRoot } from './proofs';
import type { CompletedNode } from './compact-range';
import type { NodeId } from './tree-math';

/**
 * The stored tree, as C2SP tlog-tiles lays it out: tile (L, N) holds the hashes of the nodes at tree level 8·L
 * with indexes 256·N … 256·N + 255, as many as exist (the rightmost tile of a level grows until it is full). Any
 * perfect subtree's hash then comes from one tile: at most 128 hashes folded pairwise.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;

export interface TileId {
  /** Tile level: holds tree level 8·level. */
  level: number;
  index: number;
}

export const tileKey = ({ level, index }: TileId): string => `${level}/${index}`;

/** Whether the checkpointer stores a completed node: the leaves and every 8th level above them. */
export const isStoredNode = (node: NodeId): boolean => node.level % TILE_HEIGHT === 0;

/** Where the stored hashes that make a node are: one tile, from `offset`, `count` (a power of two) of them. */
export const tileSpanOf = ({ level, index }: NodeId): TileId & { offset: number; count: number } => {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count;
  return { level: tileLevel, index: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
};

/** The tiles holding these nodes. */
export const tilesOfNodes = (nodes: readonly NodeId[]): TileId[] => {
  const tiles = new Map<string, TileId>();
  for (const node of nodes) {
    const { level, index } = tileSpanOf(node);
    tiles.set(tileKey({ level, index }), { level, index });
  }
  return [...tiles.values()];
};

/** A node's hash from the tiles read (by `tileKey`); throws when a tile is missing or too short. */
export const nodeFromTiles = (node: NodeId, tiles: ReadonlyMap<string, Buffer>): Hash => {
  const span = tileSpanOf(node);
  const tile = tiles.get(tileKey(span));
  const end = (span.offset + span.count) * HASH_BYTES;
  if (!tile || tile.length < end) throw new Error(`the stored tree lacks node ${node.level}/${node.index}`);
  const hashes: Hash[] = [];
  for (let at = span.offset * HASH_BYTES; at < end; at += HASH_BYTES) hashes.push(tile.subarray(at, at + HASH_BYTES));
  return span.count === 1 ? Buffer.from(hashes[0]) : perfectRoot(hashes);
};

/** New hashes to add at the end of one tile. */
export interface TileAppend extends TileId {
  /** Index in the tile of the first new hash (the tile holds exactly this many before). */
  offset: number;
  hashes: Buffer;
}

/** Groups the stored nodes an append completed into additions to the end of their tiles, in order. */
export const tileAppendsOf = (nodes: readonly CompletedNode[]): TileAppend[] => {
  const appends = new Map<string, { tile: TileId; offset: number; hashes: Hash[] }>();
  for (const node of nodes) {
    if (!isStoredNode(node)) continue;
    const tile = { level: node.level / TILE_HEIGHT, index: Math.floor(node.index / TILE_WIDTH) };
    const key = tileKey(tile);
    const entry = appends.get(key) ?? { tile, offset: node.index % TILE_WIDTH, hashes: [] };
    if (node.index % TILE_WIDTH !== entry.offset + entry.hashes.length) throw new Error(`node ${node.level}/${node.index} does not follow its tile's end`);
    entry.hashes.push(node.hash);
    appends.set(key, entry);
  }
  return [...appends.values()].map(({ tile, offset, hashes }) => ({ ...tile, offset, hashes: Buffer.concat(hashes) }));
};
