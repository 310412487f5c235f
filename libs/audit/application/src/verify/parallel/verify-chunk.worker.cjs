'use strict';
/*
 * A worker thread of the parallel `itsm verify` (verify-in-parallel.ts): reads one range of global positions from
 * the PostgreSQL server on a connection of its own and, for each event, writes its canonical JSON once, checks its
 * hash chain against the event before it in the range (the first event of each stream in the range is left to the
 * main thread, which knows the stream's earlier hash), and computes its RFC 6962 leaf hash.
 *
 * Plain CommonJS, so it runs the same from the sources (specs, benchmarks) and from the compiled CLI (copied beside
 * it as an asset), with no compiler in the thread. The hashing is the file every audit export ships
 * (export/verify-hashing.cjs, named by workerData.hashingFile): what an auditor's verify.mjs runs is what this
 * thread runs.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { Client } = require('pg');

const { canonicalPieces, chainHashOf, eventLeafHash } = require(workerData.hashingFile);

const eventOf = (row) => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: Number(row.schema_version),
  streamId: row.stream_id,
  streamRevision: Number(row.stream_revision),
  globalPosition: Number(row.global_position),
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actor: row.actor,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  traceparent: row.traceparent,
  data: row.data,
  hash: row.hash,
});

const failureOf = (event, reason, expected, actual, detail) => ({
  reason,
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  eventId: event.eventId,
  expected,
  actual,
  detail,
});

/** Checks the events in (after, upTo]; stops at the first failure of its own. */
const verifyRange = async (client, { after, upTo }) => {
  const pageSize = workerData.pageSize;
  const select = `SELECT ${workerData.columns} FROM ${workerData.table} WHERE global_position > $1 AND global_position <= $2 ORDER BY global_position LIMIT $3`;
  const leaves = [];
  const positions = [];
  const heads = new Map();
  const firsts = [];
  let failure = null;
  let last = after;
  let next = client.query(select, [after, upTo, pageSize]);
  while (next && !failure) {
    const { rows } = await next;
    const full = rows.length === pageSize;
    if (full) next = client.query(select, [Number(rows[rows.length - 1].global_position), upTo, pageSize]);
    else next = undefined;
    for (const row of rows) {
      const event = eventOf(row);
      if (!(event.globalPosition > last)) {
        failure = failureOf(event, 'position-out-of-order', `> ${last}`, String(event.globalPosition), 'global positions must only increase');
        break;
      }
      const canonical = canonicalPieces(event);
      const head = heads.get(event.streamId);
      if (head) {
        if (event.streamRevision !== head.revision + 1) {
          failure = failureOf(event, 'revision-gap', String(head.revision + 1), String(event.streamRevision), 'a stream revision is missing or repeated');
          break;
        }
        const expected = chainHashOf(head.hash, canonical);
        if (expected !== event.hash) {
          failure = failureOf(event, 'hash-mismatch', expected, event.hash, 'the event does not hash to what its stream chain holds: it, or the one before it, was altered');
          break;
        }
      } else {
        // Its predecessor is before this range: the main thread checks it (revision and chain) against the stream's earlier hash.
        firsts.push({ index: leaves.length, streamId: event.streamId, streamRevision: event.streamRevision, globalPosition: event.globalPosition, eventId: event.eventId, hashed: canonical.hashed, hash: event.hash });
      }
      heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
      leaves.push(eventLeafHash(event, canonical));
      positions.push(event.globalPosition);
      last = event.globalPosition;
    }
  }
  // A page asked before a failure stopped the loop must still be awaited: the connection answers in order.
  if (next) await next.catch(() => undefined);
  const leafBytes = Buffer.concat(leaves);
  const positionArray = Float64Array.from(positions);
  return {
    result: {
      count: leaves.length,
      leaves: leafBytes.buffer.slice(leafBytes.byteOffset, leafBytes.byteOffset + leafBytes.byteLength),
      positions: positionArray.buffer,
      firsts,
      heads: [...heads.entries()].map(([streamId, head]) => [streamId, head.revision, head.hash]),
      failure,
    },
  };
};

if (parentPort) {
  const client = new Client({ connectionString: workerData.connectionString });
  const connected = client.connect();
  // A failed connection is answered to each request; unobserved it would end the thread.
  connected.catch(() => undefined);
  parentPort.on('message', (message) => {
    if (message.stop) {
      client.end().finally(() => parentPort.close());
      return;
    }
    connected
      .then(() => verifyRange(client, message))
      .then(
        ({ result }) => parentPort.postMessage({ id: message.id, result }, [result.leaves, result.positions]),
        (error) => parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
