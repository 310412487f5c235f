import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { eventLeafHash, noteSignerFromSeed, verifyCheckpointNote, verifyConsistency, verifyInclusion, fromHex, type SignedCheckpoint } from '@itsm/audit-domain';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { CheckpointCopies } from '../../adapters/checkpoint-copies.adapter';
import { SqlAuditTree } from '../../adapters/sql-audit-tree.adapter';
import { SqlEventLeaves } from '../../adapters/sql-event-leaves.adapter';
import { AuditProofs } from '../../proofs/audit-proofs';
import { verifyAuditLog } from '../../verify/verify-audit-log';
import { AuditCheckpointer, LogDivergedFromTree } from './audit-checkpointer';

const ORIGIN = 'itsm.test/audit';
const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 3));
const noted = (index: number): NewEvent => ({ type: 'Noted', data: { index }, metadata: { actor: { id: 'ops', role: 'admin' }, correlationId: newId() } });

/** Appends `count` events round-robin over `streams` streams, a few per append. */
const seed = async (store: EventStore, count: number, streams = 7, prefix = 'incident') => {
  const ids = Array.from({ length: streams }, () => `${prefix}-${newId()}`);
  for (let written = 0, turn = 0; written < count; turn++) {
    const batch = Array.from({ length: Math.min(3, count - written) }, (_, i) => noted(written + i));
    await store.appendToStream(ids[turn % streams], batch, { expectedRevision: 'any' });
    written += batch.length;
  }
  return ids;
};

describe('AuditCheckpointer (PGlite)', () => {
  let pglite: PGlite;
  let store: EventStore;
  let db: SqlExecutor;
  let tree: SqlAuditTree;
  let folder: string;

  beforeEach(async () => {
    pglite = await openPglite();
    store = await createPgliteEventStore({ db: pglite });
    db = createPgliteExecutor(pglite, { ownsDatabase: false });
    tree = new SqlAuditTree(db);
    folder = mkdtempSync(join(tmpdir(), 'audit-copies-'));
  });

  afterEach(async () => {
    await store.close();
    await pglite.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const checkpointer = (options: Partial<ConstructorParameters<typeof AuditCheckpointer>[0]> = {}) =>
    new AuditCheckpointer({ store, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 64, copies: new CheckpointCopies(folder), ...options });

  it('builds the same tree from leaves the database hashes as from events it reads and hashes itself, also past an event without canonical text', async () => {
    const streams = await seed(store, 150);
    await store.appendToStream(streams[0], [{ type: 'Noted', data: { text: 'quote " backslash \\ é ✓ \u0001', list: [1.5, -0, 1e21, null, { b: 1, a: 2 }] }, metadata: { actor: { id: 'ops', via: 'cli' }, correlationId: newId(), causationId: newId(), traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } }], { expectedRevision: 'any' });
    // As an event written before canonical texts were stored: the process reads and hashes its page.
    await pglite.exec(`ALTER TABLE event_store.events DISABLE TRIGGER events_refuse_update_delete;
      UPDATE event_store.events SET canonical_data = NULL WHERE global_position = 70;
      ALTER TABLE event_store.events ENABLE TRIGGER events_refuse_update_delete;`);
    const leaves = new SqlEventLeaves(db);
    const hashedHere = await Promise.all((await store.readAll({ fromPosition: -1, maxCount: 1000 })).events.map((event) => eventLeafHash(event)));

    const fromTheDatabase = await leaves.after(-1, 1000);
    const fromTheDatabaseRoot = await checkpointer({ leaves }).catchUp();
    const otherTree = new SqlAuditTree(db, 'audit_here');
    const fromHereRoot = await new AuditCheckpointer({ store, tree: otherTree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 64 }).catchUp();

    expect(fromTheDatabase.map((row) => row.leaf?.toString('hex') ?? null)).toEqual(hashedHere.map((leaf, index) => (index === 69 ? null : leaf.toString('hex'))));
    expect(fromTheDatabaseRoot?.rootHash.toString('hex')).toBe(fromHereRoot?.rootHash.toString('hex'));
    expect(fromTheDatabaseRoot?.treeSize).toBe(151);
  });

  it('hashes here, alone, an event too large to keep its canonical text, and builds the same tree as from parsed events', async () => {
    const streams = await seed(store, 120);
    const huge = { lines: Array.from({ length: 3_000 }, (_, index) => ({ lineId: String(index), description: `line ${index} é` })) };
    await store.appendToStream(streams[1], [{ type: 'StatementPublished', data: huge, metadata: { actor: { id: 'fin', role: 'finance' }, correlationId: newId() } }], { expectedRevision: 'any' });
    await seed(store, 30);
    const leaves = new SqlEventLeaves(db);
    const reads: number[] = [];
    const countingStore = { readAll: (options: Parameters<EventStore['readAll']>[0]) => (reads.push(options?.maxCount ?? -1), store.readAll(options)) };

    const fromTheDatabase = await leaves.after(-1, 1000);
    const withLeaves = await new AuditCheckpointer({ store: countingStore, leaves, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 64 }).catchUp();
    const parsedOnly = await new AuditCheckpointer({ store, tree: new SqlAuditTree(db, 'audit_parsed'), signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 64 }).catchUp();

    expect(fromTheDatabase.map((row) => row.leaf === null)).toEqual(fromTheDatabase.map((_, index) => index === 120));
    expect(reads).toEqual([1]);
    expect(withLeaves?.treeSize).toBe(151);
    expect(withLeaves?.rootHash.toString('hex')).toBe(parsedOnly?.rootHash.toString('hex'));
  });

  it('signs a checkpoint every N events, copies each once, and each verifies with the key', async () => {
    await seed(store, 450);
    const signed: SignedCheckpoint[] = [];
    await checkpointer({ onCheckpoint: (checkpoint) => signed.push(checkpoint) }).catchUp();

    expect(signed.map((checkpoint) => checkpoint.treeSize)).toEqual([100, 200, 300, 400, 450]);
    for (const checkpoint of signed) expect(verifyCheckpointNote(checkpoint.note, signer.verifier, ORIGIN).ok).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['100.checkpoint', '200.checkpoint', '300.checkpoint', '400.checkpoint', '450.checkpoint']);
    expect(readFileSync(join(folder, '450.checkpoint'), 'utf8')).toBe(signed[4].note);
    expect(await tree.uncopiedCheckpoints()).toEqual([]);
  });

  it('signs, in a round that passes several count boundaries, a checkpoint at each with the root the tree had there', async () => {
    await seed(store, 450);
    const signed: SignedCheckpoint[] = [];
    const process = checkpointer({ batchSize: 1000, onCheckpoint: (checkpoint) => signed.push(checkpoint) });

    const round = await process.runOnce();
    // The same boundaries, one round each: the roots must be the ones a tree grown 100 events at a time had.
    const oneByOne: SignedCheckpoint[] = [];
    await new AuditCheckpointer({ store, tree: new SqlAuditTree(db, 'audit_one_by_one'), signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0, batchSize: 100, onCheckpoint: (checkpoint) => oneByOne.push(checkpoint) }).catchUp({ checkpoint: false });

    expect(round).toMatchObject({ added: 450, more: false, checkpoint: { treeSize: 400 } });
    expect(signed.map(({ treeSize, lastPosition }) => ({ treeSize, lastPosition }))).toEqual(oneByOne.map(({ treeSize, lastPosition }) => ({ treeSize, lastPosition })));
    expect(signed.map(({ treeSize }) => treeSize)).toEqual([100, 200, 300, 400]);
    expect(signed.map(({ rootHash }) => rootHash.toString('hex'))).toEqual(oneByOne.map(({ rootHash }) => rootHash.toString('hex')));
    expect((await tree.uncopiedCheckpoints()).length).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['100.checkpoint', '200.checkpoint', '300.checkpoint', '400.checkpoint']);
    // Where the round ended (450) is signed when forced, or once due by time.
    expect((await process.runOnce({ force: true })).checkpoint?.treeSize).toBe(450);
  });

  it('signs at the end of a round a count boundary passed while checkpoints were signed by time only', async () => {
    await seed(store, 250);
    await checkpointer({ everyEvents: 0 }).catchUp({ checkpoint: false });
    expect(await tree.latestCheckpoint()).toBeNull();

    const round = await checkpointer({ everyEvents: 100 }).runOnce();

    expect(round).toMatchObject({ added: 0, checkpoint: { treeSize: 250 } });
  });

  it('continues where a stopped process left off, and its tree equals one built in one go', async () => {
    await seed(store, 300);
    await checkpointer().catchUp();
    await seed(store, 211);
    const resumed = await checkpointer().catchUp();

    const fresh = new SqlAuditTree(db, 'audit_fresh');
    const oneGo = await new AuditCheckpointer({ store, tree: fresh, signer, origin: ORIGIN, batchSize: 5000 }).catchUp();
    expect(resumed?.treeSize).toBe(511);
    expect(oneGo?.rootHash.equals(resumed?.rootHash as Buffer)).toBe(true);
    expect(await verifyAuditLog({ store, tree, copies: new CheckpointCopies(folder) }, { verifier: signer.verifier, origin: ORIGIN })).toMatchObject({
      ok: true,
      events: 511,
      recordedLeavesChecked: 511,
      checkpoints: { found: 6, checked: 6, signaturesChecked: true },
    });
  });

  it('hands out inclusion proofs for events and consistency proofs between checkpoints that verify', async () => {
    await seed(store, 333);
    await checkpointer().catchUp();
    const proofs = new AuditProofs(tree, store);
    for (const position of [1, 2, 100, 257, 333]) {
      const event = await proofs.eventAt(position);
      const proof = await proofs.inclusion(event as NonNullable<typeof event>);
      expect(proof).toMatchObject({ globalPosition: position, leafIndex: position - 1, treeSize: 333, verified: true });
      expect(verifyInclusion(fromHex(proof.leafHash), proof.leafIndex, proof.treeSize, proof.proof.map(fromHex), fromHex(proof.checkpoint.rootHash))).toBe(true);
    }
    const consistency = await proofs.consistency(100, 333);
    expect(consistency.verified).toBe(true);
    expect(verifyConsistency(100, 333, fromHex(consistency.from.rootHash), fromHex(consistency.to.rootHash), consistency.proof.map(fromHex))).toBe(true);
  });

  it('keeps positions straight across gaps (appends that rolled back take no leaf)', async () => {
    await seed(store, 20);
    await pglite.query(`SELECT setval(pg_get_serial_sequence('event_store.events', 'global_position'), 40)`);
    await seed(store, 20);
    await checkpointer().catchUp();
    expect(await tree.leafOf(20)).toBe(19);
    expect(await tree.leafOf(30)).toBeNull();
    expect(await tree.leafOf(41)).toBe(20);
    expect(await tree.leafAtOrAfter(30)).toEqual({ leafIndex: 20, position: 41 });
    const proofs = new AuditProofs(tree, store);
    expect((await proofs.inclusion((await proofs.eventAt(45)) as NonNullable<Awaited<ReturnType<AuditProofs['eventAt']>>>)).verified).toBe(true);
  });

  it('lets one of two checkpointers on the same tables advance at a time, and both end on the same tree', async () => {
    await seed(store, 400);
    const [first, second] = [checkpointer(), checkpointer()];
    await Promise.all([first.catchUp({ checkpoint: false }), second.catchUp({ checkpoint: false })]);
    const state = await tree.readState();
    expect(state.treeSize).toBe(400);
    expect((await verifyAuditLog({ store, tree })).recordedLeavesChecked).toBe(400);
  });

  it('stops signing when the log no longer ends with the tree\'s last leaf', async () => {
    await seed(store, 50);
    const process = checkpointer();
    await process.catchUp();
    await pglite.exec(`ALTER TABLE event_store.events DISABLE TRIGGER events_refuse_update_delete;
      DELETE FROM event_store.events WHERE global_position = 50;
      ALTER TABLE event_store.events ENABLE TRIGGER events_refuse_update_delete;`);
    await seed(store, 5);
    await expect(process.runOnce()).rejects.toBeInstanceOf(LogDivergedFromTree);
    await expect(checkpointer().runOnce()).rejects.toThrow(/position 50 that ends the audit tree/);
  });
});
