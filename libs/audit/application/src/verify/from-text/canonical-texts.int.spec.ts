import { Client } from 'pg';
import { AuditLogVerifier, canonicalEvent, chainHashOf, noteSignerFromSeed, prefixedLeafOf, StoredEventHasher } from '@itsm/audit-domain';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { createPgExecutor, createPostgresEventStore, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { createTestDatabase, type TestDatabase } from '@itsm/platform-kit';
import { SqlAuditTree } from '../../adapters/sql-audit-tree.adapter';
import { AuditCheckpointer } from '../../processes/checkpointer/audit-checkpointer';
import { verifyAuditLog } from '../verify-audit-log';
import type { StoredTextPage } from '../../log/read-stored-texts';
import { readCanonicalTextPages, startCanonicalTextPages } from './canonical-text-pages';

/*
 * Which pages are checked on their stored texts, and which are read parsed: the tamper specs prove the result is
 * the same either way; these prove the stored texts are used when they can vouch for the events.
 */

const ORIGIN = 'itsm.test/audit-canonical-texts';
const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 12));
const EVENTS = 'event_store.events';
const PAGE = 50;
const noted = (index: number): NewEvent => ({
  type: 'Noted',
  data: { index, note: `note ${index} "quoted" \\ é ✓`, nested: { b: [1, 2.5, null, true], a: 'z' } },
  metadata: { actor: { id: 'agent-7', role: 'agent', via: 'portal' }, correlationId: newId(), causationId: index % 2 ? newId() : null, traceparent: index % 3 ? null : '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
});

/** Whether every row of a page can be checked on its stored texts. */
const allVouched = (page: StoredTextPage | null): boolean => {
  if (!page) return false;
  const rows = page();
  while (rows.next()) if (!rows.vouched()) return false;
  return true;
};

// The server's connections copy the texts as binary COPY; PGlite (and a pipelined pool) query them as rows.
describe.each([
  ['copied', (db: SqlExecutor): SqlExecutor => db],
  ['queried as rows', (db: SqlExecutor): SqlExecutor => ({ ...db, copyOut: undefined })],
])('verification on the texts the appenders stored (PostgreSQL server), %s', (_reading, readingOf) => {
  let database: TestDatabase;
  let store: EventStore;
  let db: SqlExecutor;
  let texts: SqlExecutor;
  let tree: SqlAuditTree;

  const behindTheStore = async (sql: string) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`ALTER TABLE ${EVENTS} DISABLE TRIGGER events_refuse_update_delete`);
      await client.query(sql);
    } finally {
      await client.query(`ALTER TABLE ${EVENTS} ENABLE TRIGGER events_refuse_update_delete`);
      await client.end();
    }
  };

  /**
   * Reads the log's pages as stored texts, each checked, as verify does: returns the ranges that had to be read
   * parsed (from the last event checked on its texts to the page's end).
   */
  const rangesReadParsed = async (): Promise<{ left: [number, number][]; verifier: AuditLogVerifier }> => {
    const checkpoints = [];
    for await (const stored of tree.allCheckpoints()) checkpoints.push(stored);
    const verifier = new AuditLogVerifier(checkpoints);
    const hasher = new StoredEventHasher();
    const left: [number, number][] = [];
    const readParsed = async (after: number, upTo: number) => {
      left.push([after, upTo]);
      const recorded = await tree.readLeaves(verifier.treeSize, upTo - after);
      const parsed = (await store.readAll({ fromPosition: after, maxCount: upTo - after })).events;
      parsed.forEach((event, index) => verifier.check(event, recorded[index]));
    };
    for await (const page of readCanonicalTextPages({ db: texts }, { after: 0, upTo: 300, pageSize: PAGE })) {
      if (!page.rows) {
        await readParsed(page.after, page.upTo);
        continue;
      }
      const recorded = await tree.readLeaves(verifier.treeSize, page.upTo - page.after);
      const rows = page.rows();
      for (let index = 0, checkedUpTo = page.after; rows.next(); index++) {
        if (!rows.vouched()) {
          await readParsed(checkedUpTo, page.upTo);
          break;
        }
        verifier.checkHashed(rows.coordinates(), rows.hashedBy(hasher), recorded[index]);
        checkedUpTo = rows.globalPosition();
      }
    }
    return { left, verifier };
  };

  beforeEach(async () => {
    database = await createTestDatabase('audit_canonical_texts');
    store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    db = createPgExecutor({ connectionString: database.url, max: 2 });
    texts = readingOf(db);
    tree = new SqlAuditTree(db);
    const streams = Array.from({ length: 6 }, () => `incident-${newId()}`);
    for (let index = 0; index < 300; index += 3) {
      await store.appendToStream(streams[(index / 3) % streams.length], [0, 1, 2].map((offset) => noted(index + offset)), { expectedRevision: 'any' });
    }
    await new AuditCheckpointer({ store, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0 }).catchUp();
  });

  afterEach(async () => {
    await store.close();
    await db.close();
    await database.drop();
  });

  it('hashes from the stored texts the very leaf and chain bytes the parsed events give (quotes, escapes, non-ASCII, null members)', async () => {
    const parsed = (await store.readAll({ fromPosition: 0, maxCount: 300 })).events;
    const hasher = new StoredEventHasher();
    const previous = 'a'.repeat(64);
    const fromText: { leaf: string; chainHash: string; coordinates: object }[] = [];
    for await (const page of readCanonicalTextPages({ db: texts }, { after: 0, upTo: 300, pageSize: PAGE })) {
      const rows = (page.rows as StoredTextPage)();
      while (rows.next()) {
        const hashed = rows.hashedBy(hasher);
        const { globalPosition, streamId, streamRevision, eventId, type, hash } = rows.coordinates();
        fromText.push({ leaf: hashed.prefixedLeaf().toString('hex'), chainHash: hashed.chainHash(previous), coordinates: { globalPosition, streamId, streamRevision, eventId, type, hash } });
      }
    }

    expect(fromText.map(({ leaf }) => leaf)).toEqual(parsed.map((event) => prefixedLeafOf(event, canonicalEvent(event)).toString('hex')));
    expect(fromText.map(({ chainHash }) => chainHash)).toEqual(parsed.map((event) => chainHashOf(previous, canonicalEvent(event))));
    expect(fromText.map(({ coordinates }) => coordinates)).toEqual(parsed.map(({ globalPosition, streamId, streamRevision, eventId, type, hash }) => ({ globalPosition, streamId, streamRevision, eventId, type, hash })));
  });

  it('writes timestamps as the parsed events read them (milliseconds truncated), and leaves a year past 9999 to the parsed event', async () => {
    await behindTheStore(`UPDATE ${EVENTS} SET occurred_at = '2026-01-01 23:59:59.9996+00' WHERE global_position = 10`);
    await behindTheStore(`UPDATE ${EVENTS} SET recorded_at = '1999-12-31 23:59:59.1237+00' WHERE global_position = 11`);
    await behindTheStore(`UPDATE ${EVENTS} SET occurred_at = '12026-01-01 00:00:00+00' WHERE global_position = 12`);
    const parsed = (await store.readAll({ fromPosition: 9, maxCount: 3 })).events;

    const hasher = new StoredEventHasher();
    const seen: { position: number; vouched: boolean; leaf: string | null }[] = [];
    for await (const page of readCanonicalTextPages({ db: texts }, { after: 9, upTo: 12, pageSize: PAGE })) {
      const rows = (page.rows as StoredTextPage)();
      while (rows.next()) seen.push({ position: rows.globalPosition(), vouched: rows.vouched(), leaf: rows.vouched() ? rows.hashedBy(hasher).prefixedLeaf().toString('hex') : null });
    }

    expect([parsed[0].occurredAt, parsed[1].recordedAt, parsed[2].occurredAt]).toEqual(['2026-01-01T23:59:59.999Z', '1999-12-31T23:59:59.123Z', expect.stringMatching(/^12026-/)]);
    expect(seen.slice(0, 2)).toEqual(parsed.slice(0, 2).map((event) => ({ position: event.globalPosition, vouched: true, leaf: prefixedLeafOf(event, canonicalEvent(event)).toString('hex') })));
    // The row path writes the year as to_char does, and vouches for it; the copied path leaves it to the parsed event.
    expect(seen[2].vouched).toBe(_reading === 'queried as rows');
  });

  it('reads pages from a smaller first one, each twice the last up to the page size, every position once', async () => {
    const pages: [number, number, number][] = [];
    for await (const page of readCanonicalTextPages({ db: texts }, { after: 0, upTo: 300, pageSize: PAGE, firstPageSize: 10 })) {
      const rows = (page.rows as StoredTextPage)();
      let count = 0;
      while (rows.next()) count++;
      pages.push([page.after, page.upTo, count]);
    }

    expect(pages).toEqual([[0, 10, 10], [10, 30, 20], [30, 70, 40], [70, 120, 50], [120, 170, 50], [170, 220, 50], [220, 270, 50], [270, 300, 30]]);
  });

  it('begins pages before they are walked: walked later they are the same pages, and a start called off ends its reads', async () => {
    const paging = { after: 0, upTo: 300, pageSize: PAGE, firstPageSize: 10 };
    const leavesOf = async (pages: AsyncIterable<{ rows: StoredTextPage | null }>) => {
      const hasher = new StoredEventHasher();
      const leaves: string[] = [];
      for await (const page of pages) {
        const rows = (page.rows as StoredTextPage)();
        while (rows.next()) leaves.push(rows.hashedBy(hasher).leafHash().toString('hex'));
      }
      return leaves;
    };
    const calledOff = startCanonicalTextPages({ db: texts }, paging);
    calledOff.cancel();
    const started = startCanonicalTextPages({ db: texts }, paging);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const walked = await leavesOf(started);
    expect(walked).toHaveLength(300);
    expect(walked).toEqual(await leavesOf(readCanonicalTextPages({ db: texts }, paging)));
  });

  it('checks every page of an untouched log on its stored texts: chains, leaves equal to the recorded tree, every checkpoint', async () => {
    const { left, verifier } = await rangesReadParsed();

    expect(left).toEqual([]);
    expect(verifier.finish()).toBeNull();
    expect(verifier.figures()).toMatchObject({ events: 300, streams: 6, lastPosition: 300, treeSize: 300, checkpointsChecked: 3 });
  });

  it('reads parsed from an event written without its canonical text (before it was stored, or behind the store) to its page end, which then verifies', async () => {
    await behindTheStore(`UPDATE ${EVENTS} SET canonical_data = NULL WHERE global_position = 120`);

    const { left, verifier } = await rangesReadParsed();

    expect(left).toEqual([[119, 150]]);
    expect(verifier.finish()).toBeNull();
    expect(await verifyAuditLog({ store, tree }, { verifier: signer.verifier, origin: ORIGIN, batchSize: PAGE, canonicalTexts: { db: texts } })).toMatchObject({
      ok: true,
      events: 300,
      recordedLeavesChecked: 300,
    });
  });

  it('reads parsed an event too large to keep its canonical text, which then verifies', async () => {
    const [{ streamId }] = (await store.readAll({ fromPosition: 0, maxCount: 1 })).events;
    const huge = { lines: Array.from({ length: 3_000 }, (_, index) => ({ lineId: String(index), description: `line ${index} é ✓` })) };
    await store.appendToStream(streamId, [{ type: 'StatementPublished', data: huge, metadata: { actor: { id: 'fin', role: 'finance' }, correlationId: newId() } }], { expectedRevision: 'any' });
    await new AuditCheckpointer({ store, tree, signer, origin: ORIGIN, everyEvents: 100, everySeconds: 0 }).catchUp();

    const pages = [];
    for await (const page of readCanonicalTextPages({ db: texts }, { after: 250, upTo: 301, pageSize: PAGE })) pages.push([page.after, page.upTo, allVouched(page.rows)]);
    expect(pages).toEqual([[250, 300, true], [300, 301, false]]);
    expect(await verifyAuditLog({ store, tree }, { verifier: signer.verifier, origin: ORIGIN, batchSize: PAGE, canonicalTexts: { db: texts } })).toMatchObject({
      ok: true,
      events: 301,
      recordedLeavesChecked: 301,
    });
  });

  it('reads parsed from a data changed apart from its canonical text, where the parsed check names it', async () => {
    // The server's constraint keeps data and text together: dropped first, so each row is compared on reading.
    await behindTheStore(`ALTER TABLE ${EVENTS} DROP CONSTRAINT events_canonical_data_is_data`);
    await behindTheStore(`UPDATE ${EVENTS} SET data = jsonb_set(data, '{note}', '"rewritten"') WHERE global_position = 30`);

    const { left, verifier } = await rangesReadParsed();

    expect(left).toEqual([[29, 50]]);
    expect(verifier.firstFailure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 30 });
  });

  it('reads parsed a page whose statement fails on canonical text that is not JSON', async () => {
    await behindTheStore(`ALTER TABLE ${EVENTS} DROP CONSTRAINT events_canonical_data_is_data`);
    await behindTheStore(`UPDATE ${EVENTS} SET canonical_data = '{not json' WHERE global_position = 260`);

    const { left, verifier } = await rangesReadParsed();

    expect(left).toEqual([[250, 300]]);
    expect(verifier.finish()).toBeNull();
  });
});
