import {
  AuditLogVerifier,
  type AuditFailure,
  type EventCoordinates,
  canonicalEvent,
  eventLeafHash,
  inclusionProof,
  inclusionRanges,
  nodesOfRanges,
  verifyInclusion,
  StoredEventHasher,
  type NoteVerifier,
} from '@itsm/audit-domain';
import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import type { CheckpointCopies } from '../adapters/checkpoint-copies.adapter';
import type { SqlAuditTree } from '../adapters/sql-audit-tree.adapter';
import { readLogPages } from '../log/read-log-pages';
import type { StoredTextRows } from '../log/stored-text-rows';
import { checkCheckpointNotes, readCheckpointNotes } from './collect-checkpoints';
import { readCanonicalTextPages, startCanonicalTextPages, type CanonicalTextLog } from './from-text/canonical-text-pages';
import type { AuditVerification, VerificationFailure } from './audit-verification';
import { RecordedLeavesAhead } from './recorded-leaves-ahead';

export interface VerifyProgress {
  events: number;
  position: number;
  /** The log's head when the run started (the run stops there). */
  head: number;
}

export interface AuditVerifySources {
  store: Pick<EventStore, 'readAll' | 'readStream'>;
  /** The audit tree and its checkpoints; absent when the log has none (never served by a platform with the checkpointer). */
  tree?: SqlAuditTree;
  /** Copies of the checkpoints in a directory (write-once storage): checked against the database's. */
  copies?: CheckpointCopies;
}

export interface AuditVerifyOptions {
  /** The key to check the checkpoints' signatures with; without it they are used unchecked (and the result says so). */
  verifier?: NoteVerifier;
  /** The log's expected origin line. */
  origin?: string;
  /** Start at this global position (inclusive): its streams' earlier hashes are taken as stored. */
  fromPosition?: number;
  /** Events per read; default 5000. */
  batchSize?: number;
  /**
   * The log's SQL database: each event is then checked on the texts its appender hashed, read as stored (no JSON
   * parsed or serialized again), and only pages with a row those texts cannot vouch for are read as parsed events.
   * Without it, every event is read through the store and its texts written again (EventStoreDB, in memory).
   */
  canonicalTexts?: CanonicalTextLog;
  onProgress?(progress: VerifyProgress): void;
}

/**
 * Rows per read on the stored texts, whatever `batchSize`: a page lives while it is hashed and the next one
 * arrives, and pages of 5,000 rows outlived the young generation, so the garbage collector copied and promoted them
 * (a third of the CPU in the profile; 1,000-row pages halved that, reads ahead keep the server busy).
 */
const TEXT_PAGE_ROWS = 1000;

/** Rows per copied page (binary COPY: the page is one buffer outside the heap, so no young-generation limit). */
const COPIED_PAGE_ROWS = 5000;

/** The first copied page is this share of a page (then twice the last): hashing starts while the server still copies. */
const FIRST_PAGE_SHARE = 8;

/** Rows per page of stored texts: a copied page is outside V8's heap; queried rows are strings the collector moves. */
const textPageSize = (log: CanonicalTextLog, batchSize: number | undefined): number =>
  log.db.copyOut ? (batchSize ?? COPIED_PAGE_ROWS) : Math.min(batchSize ?? TEXT_PAGE_ROWS, TEXT_PAGE_ROWS);

/** Rows checked between yields to the event loop (the next page arrives meanwhile). */
const ROWS_PER_TURN = 250;

/**
 * `itsm verify`: re-reads the log in global order up to its head as the run starts and checks every stream's
 * hash chain and revisions, the global order, each event against the leaf the audit tree recorded for it, and
 * the tree's root at every signed checkpoint; then that no checkpoint reaches beyond the log (a deleted tail).
 * Reports the first failure with its position and stream. With `fromPosition`, starts there: earlier hashes of
 * its streams are read as stored and the tree's edge is taken from the recorded tree.
 */
export const verifyAuditLog = async (sources: AuditVerifySources, options: AuditVerifyOptions = {}): Promise<AuditVerification> => {
  const startedAt = new Date();
  const { store, tree, copies } = sources;
  const checkpointNotes = await readCheckpointNotes(tree, copies);
  // After the checkpoints: every checkpoint read covers events at or below this head.
  const head = await readHeadPosition(store);
  // A run over the whole log on its stored texts asks for its first pages now: the server copies them while the
  // signatures are checked.
  const pageSize = options.canonicalTexts ? textPageSize(options.canonicalTexts, options.batchSize) : 0;
  const paging = { upTo: head, pageSize, firstPageSize: Math.ceil(pageSize / FIRST_PAGE_SHARE) };
  const startedPages = options.canonicalTexts && options.fromPosition === undefined ? startCanonicalTextPages(options.canonicalTexts, { ...paging, after: -1 }) : undefined;
  const collected = checkCheckpointNotes(checkpointNotes, options.verifier, options.origin);
  const { treeExists } = checkpointNotes;
  const notes = [...collected.notes];
  const base = {
    checkpoints: {
      found: collected.heads.length,
      checked: 0,
      signaturesChecked: options.verifier !== undefined,
      copies: copies?.directory ?? null,
      latest: collected.heads.length > 0 ? (({ treeSize, lastPosition, signedAt }) => ({ treeSize, lastPosition, signedAt }))(collected.heads[collected.heads.length - 1]) : null,
    },
    scope: options.fromPosition !== undefined ? ({ kind: 'from', position: options.fromPosition } as const) : ({ kind: 'log' } as const),
    startedAt: startedAt.toISOString(),
  };
  if (collected.failure) {
    startedPages?.cancel();
    return finished({ ...base, ok: false, events: 0, streams: 0, lastPosition: 0, firstFailure: collected.failure, tree: null, recordedLeavesChecked: 0, notes }, startedAt);
  }
  if (collected.heads.length === 0) notes.push('no signed checkpoint yet: the chains and the order were checked, not the tree');

  // Where to start: the beginning, or the first event at or after fromPosition with the tree's edge there.
  let after = -1;
  let startLeaf = 0;
  let verifier = new AuditLogVerifier(collected.heads);
  if (options.fromPosition !== undefined && options.fromPosition > 1) {
    after = options.fromPosition - 1;
    const leaf = treeExists && tree ? await tree.leafAtOrAfter(options.fromPosition) : null;
    if (leaf && tree) {
      startLeaf = leaf.leafIndex;
      verifier = new AuditLogVerifier(collected.heads, { treeSize: startLeaf, edge: await tree.edgeAt(startLeaf), lastPosition: after });
    } else {
      verifier = new AuditLogVerifier([], { treeSize: 0, lastPosition: after });
      notes.push(`the audit tree has no leaf at position ${options.fromPosition}: checked the chains and the order from there, not the checkpoints`);
    }
  }
  const recordedState = treeExists && tree ? await tree.readState() : undefined;
  const recordedSize = recordedState?.treeSize ?? 0;

  let recordedLeavesChecked = 0;
  const recordedAhead = tree ? new RecordedLeavesAhead(tree, recordedSize) : null;
  const recordedLeaves = (first: number, count: number) => (recordedAhead && first < recordedSize ? recordedAhead.take(first, count) : Promise.resolve([]));
  /** (from, upTo] event by event in this process; returns how many events were compared with recorded leaves. */
  const checkHere = async (from: number, upTo: number): Promise<number> => {
    let compared = 0;
    for await (const events of readLogPages(store, { after: from, upTo, batchSize: options.batchSize })) {
      if (options.fromPosition !== undefined) await assumeEarlierHeads(store, verifier, events);
      const first = verifier.treeSize;
      const recorded = await recordedLeaves(first, events.length);
      for (let i = 0; i < events.length; i++) {
        if (verifier.check(events[i], recorded[i])) break;
      }
      compared += Math.min(recorded.length, verifier.figures().treeSize - first);
      if (verifier.firstFailure) break;
      const figures = verifier.figures();
      options.onProgress?.({ events: figures.events, position: figures.lastPosition, head });
    }
    return compared;
  };
  if (options.canonicalTexts) {
    const hasher = new StoredEventHasher();
    const pages = startedPages ?? readCanonicalTextPages(options.canonicalTexts, { ...paging, after });
    for await (const page of pages) {
      if (!page.rows) {
        recordedLeavesChecked += await checkHere(page.after, page.upTo);
      } else {
        if (options.fromPosition !== undefined) await assumeEarlierHeads(store, verifier, coordinatesOf(page.rows()));
        const first = verifier.treeSize;
        const recorded = await recordedLeaves(first, page.upTo - page.after);
        const rows = page.rows();
        let checkedUpTo = page.after;
        let readParsedFrom: number | null = null;
        for (let index = 0; rows.next(); index++) {
          // A row its texts cannot vouch for: it and the rest of the page are checked on the parsed events.
          if (!rows.vouched()) {
            readParsedFrom = checkedUpTo;
            break;
          }
          const event = rows.coordinates();
          if (verifier.checkHashed(event, rows.hashedBy(hasher), recorded[index])) break;
          checkedUpTo = event.globalPosition;
          // Now and then the next pages' bytes are let in while this one is hashed.
          if (index % ROWS_PER_TURN === ROWS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
        }
        recordedLeavesChecked += Math.min(recorded.length, verifier.treeSize - first);
        if (readParsedFrom !== null && !verifier.firstFailure) recordedLeavesChecked += await checkHere(readParsedFrom, page.upTo);
      }
      if (verifier.firstFailure) break;
      const figures = verifier.figures();
      options.onProgress?.({ events: figures.events, position: figures.lastPosition, head });
    }
  } else {
    recordedLeavesChecked += await checkHere(after, head);
  }
  const found = await withCoordinates(store, verifier.finish(), verifier.figures().lastPosition);
  const figures = verifier.figures();
  const recordedPosition = found?.reason === 'leaf-not-recorded' && found.leafIndex !== undefined && tree ? await tree.positionOfLeaf(found.leafIndex) : null;
  const failure: VerificationFailure | null =
    found && recordedPosition !== null
      ? {
          ...found,
          recordedPosition,
          detail:
            recordedPosition === found.globalPosition
              ? `the event at position ${recordedPosition} is not the one the audit tree recorded there: it was rewritten (its chain recomputed)`
              : recordedPosition < found.globalPosition
                ? `the audit tree recorded the event at position ${recordedPosition} on this leaf: it was deleted (or moved), and every later event stands one leaf early`
                : `the audit tree recorded the event at position ${recordedPosition} on this leaf: the event at ${found.globalPosition} was inserted before it`,
        }
      : found;
  return finished(
    {
      ...base,
      ok: failure === null,
      events: figures.events,
      streams: figures.streams,
      lastPosition: figures.lastPosition,
      firstFailure: failure,
      tree: { size: figures.treeSize, rootHash: figures.rootHash },
      checkpoints: { ...base.checkpoints, checked: figures.checkpointsChecked },
      recordedLeavesChecked,
      notes,
    },
    startedAt,
  );
};

/**
 * A failure found from leaves alone names a position: the stream, revision and id are those of the event there
 * (for a deleted tail, of the log's last event).
 */
const withCoordinates = async (store: Pick<EventStore, 'readAll'>, failure: AuditFailure | null, lastPosition: number): Promise<AuditFailure | null> => {
  if (!failure || failure.streamId !== '') return failure;
  const position = failure.reason === 'log-shorter-than-checkpoint' ? lastPosition : failure.globalPosition;
  if (position <= 0) return failure;
  const [event] = (await store.readAll({ fromPosition: position - 1, maxCount: 1 })).events;
  return event?.globalPosition === position ? { ...failure, streamId: event.streamId, streamRevision: event.streamRevision, eventId: event.eventId } : failure;
};

/** Where each row of a page is (a cursor of its own: the page is walked again to be checked). */
const coordinatesOf = (rows: StoredTextRows): EventCoordinates[] => {
  const coordinates: EventCoordinates[] = [];
  while (rows.next()) coordinates.push(rows.coordinates());
  return coordinates;
};

/** For a run from a position: the stored hash before each stream's first event in the page. */
const assumeEarlierHeads = async (store: Pick<EventStore, 'readStream'>, verifier: AuditLogVerifier, events: readonly EventCoordinates[]): Promise<void> => {
  const firsts = new Map<string, EventCoordinates>();
  for (const event of events) if (!verifier.knows(event.streamId) && !firsts.has(event.streamId)) firsts.set(event.streamId, event);
  const pending = [...firsts.values()].filter((event) => event.streamRevision > 0);
  for (let i = 0; i < pending.length; i += 16) {
    await Promise.all(
      pending.slice(i, i + 16).map(async (event) => {
        const [previous] = await store.readStream(event.streamId, { fromRevision: event.streamRevision - 1, toRevision: event.streamRevision - 1 });
        if (previous) verifier.assumeHead(event.streamId, previous.streamRevision, previous.hash);
      }),
    );
  }
};

const finished = (result: Omit<AuditVerification, 'finishedAt' | 'eventsPerSecond'>, startedAt: Date): AuditVerification => {
  const finishedAt = new Date();
  const seconds = Math.max((finishedAt.getTime() - startedAt.getTime()) / 1000, 0.001);
  return { ...result, finishedAt: finishedAt.toISOString(), eventsPerSecond: Math.round(result.events / seconds) };
};

/**
 * `itsm verify --stream ID`: the stream's chain from its first event, and each of its events proven to be in the
 * tree of the latest signed checkpoint that covers it (an inclusion proof from the stored tree, checked against
 * the signed root): a stream rewritten with a recomputed chain fails at the first event that differs.
 */
export const verifyAuditStream = async (sources: AuditVerifySources, streamId: string, options: AuditVerifyOptions = {}): Promise<AuditVerification> => {
  const startedAt = new Date();
  const { store, tree } = sources;
  const collected = checkCheckpointNotes(await readCheckpointNotes(tree, sources.copies), options.verifier, options.origin);
  const notes = [...collected.notes];
  const latest = collected.heads[collected.heads.length - 1];
  const base = {
    scope: { kind: 'stream', streamId } as const,
    checkpoints: {
      found: collected.heads.length,
      checked: 0,
      signaturesChecked: options.verifier !== undefined,
      copies: sources.copies?.directory ?? null,
      latest: latest ? { treeSize: latest.treeSize, lastPosition: latest.lastPosition, signedAt: latest.signedAt } : null,
    },
    startedAt: startedAt.toISOString(),
    tree: null,
  };
  if (collected.failure) {
    return finished({ ...base, ok: false, events: 0, streams: 0, lastPosition: 0, firstFailure: collected.failure, recordedLeavesChecked: 0, notes }, startedAt);
  }
  const events = await store.readStream(streamId);
  if (events.length === 0) notes.push(`the log holds no stream ${streamId}`);
  const verifier = new AuditLogVerifier([]);
  let proven = 0;
  let failure: VerificationFailure | null = null;
  for (const event of events) {
    // Chain and revisions (positions are those of the stream's own events, so they increase too).
    failure = verifier.check(event);
    if (failure) break;
    if (latest && tree && event.globalPosition <= latest.lastPosition) {
      const leafIndex = await tree.leafOf(event.globalPosition);
      const leaf = eventLeafHash(event, canonicalEvent(event));
      const proven_ =
        leafIndex !== null &&
        leafIndex < latest.treeSize &&
        verifyInclusion(leaf, leafIndex, latest.treeSize, inclusionProof(leafIndex, latest.treeSize, await tree.readNodes(nodesOfRanges(inclusionRanges(leafIndex, latest.treeSize)))), latest.rootHash);
      if (!proven_) {
        failure = {
          reason: 'not-in-checkpoint',
          globalPosition: event.globalPosition,
          streamId,
          streamRevision: event.streamRevision,
          eventId: event.eventId,
          expected: `leaf ${leafIndex ?? '?'} of the tree signed at ${latest.treeSize} events`,
          actual: leaf.toString('hex'),
          detail: 'the event is not in the tree the latest checkpoint signs: it was rewritten (its chain recomputed), inserted or moved',
        };
        break;
      }
      proven++;
    }
  }
  if (!latest) notes.push('no signed checkpoint yet: the chain was checked, not the tree');
  const figures = verifier.figures();
  return finished(
    {
      ...base,
      ok: failure === null,
      events: figures.events,
      streams: events.length > 0 ? 1 : 0,
      lastPosition: figures.lastPosition,
      firstFailure: failure,
      checkpoints: { ...base.checkpoints, checked: proven > 0 ? 1 : 0 },
      recordedLeavesChecked: proven,
      notes,
    },
    startedAt,
  );
};
