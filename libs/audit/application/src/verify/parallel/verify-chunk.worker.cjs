'use strict';
/*
 * A worker thread of the parallel `itsm verify` (verify-in-parallel.ts): reads one range of global positions from
 * the PostgreSQL server on a connection of its own and, for each event, writes its canonical JSON once, checks its
 * hash chain against the event before it in the range (the first event of each stream in the range is left to the
 * main thread, which knows the stream's earlier hash), and computes its RFC 6962 leaf hash.
 *
 * Plain CommonJS, so it runs the same from the sources (specs, benchmarks) and from the compiled CLI (copied beside
 * it as an asset), with no compiler in the thread. The hashing below is that of @itsm/audit-domain
 * (canonical-json.ts, event-hashing.ts; docs/audit-hashing.md), for values read from the database (plain JSON);
 * the parallel verification specs check that both give the same results.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { Client } = require('pg');

const GENESIS_HASH = '0'.repeat(64);

const canonicalJson = (value) => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`non-finite number ${value} in an event`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ',';
          text += value[i] === undefined ? 'null' : canonicalJson(value[i]);
        }
        return `${text}]`;
      }
      const keys = Object.keys(value).sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const member = value[key];
        if (member === undefined) continue;
        if (!first) text += ',';
        first = false;
        text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new Error(`a ${typeof value} in an event`);
  }
};

const member = (key, json) => (json === undefined ? '' : `,"${key}":${json}`);
const optional = (value) => (value === undefined ? undefined : canonicalJson(value));

/** As canonicalEvent of the domain: the chain's JSON and the leaf's data and metadata. */
const canonicalEvent = (event) => {
  const data = optional(event.data);
  const actor = optional(event.actor);
  const causationId = optional(event.causationId);
  const correlationId = optional(event.correlationId);
  const eventId = optional(event.eventId);
  const occurredAt = optional(event.occurredAt);
  const recordedAt = optional(event.recordedAt);
  const schemaVersion = optional(event.schemaVersion);
  const traceparent = optional(event.traceparent);
  const metadata =
    member('actor', actor) + member('causationId', causationId) + member('correlationId', correlationId) + member('eventId', eventId) +
    member('occurredAt', occurredAt) + member('recordedAt', recordedAt) + member('schemaVersion', schemaVersion) + member('traceparent', traceparent);
  const hashed =
    member('actor', actor) + member('causationId', causationId) + member('correlationId', correlationId) + member('data', data) +
    member('eventId', eventId) + member('occurredAt', occurredAt) + member('recordedAt', recordedAt) + member('schemaVersion', schemaVersion) +
    member('streamId', optional(event.streamId)) + member('streamRevision', optional(event.streamRevision)) + member('traceparent', traceparent) +
    member('type', optional(event.type));
  return { data: data === undefined ? 'null' : data, metadata: `{${metadata.slice(1)}}`, hashed: `{${hashed.slice(1)}}` };
};

/** As prefixedLeafOf of the domain: 0x00 ‖ layout 1 of docs/audit-hashing.md. */
const prefixedLeafOf = (event, canonical) => {
  const lengths = [
    Buffer.byteLength(event.streamId),
    Buffer.byteLength(event.type),
    Buffer.byteLength(canonical.data),
    Buffer.byteLength(canonical.metadata),
    Buffer.byteLength(event.hash),
  ];
  const bytes = Buffer.allocUnsafe(2 + 8 + 4 + lengths[0] + 4 + 4 + lengths[1] + 4 + lengths[2] + 4 + lengths[3] + 4 + lengths[4]);
  bytes[0] = 0x00;
  bytes[1] = 0x01;
  let at = bytes.writeUInt32BE(Math.floor(event.globalPosition / 2 ** 32), 2);
  at = bytes.writeUInt32BE(event.globalPosition % 2 ** 32, at);
  const writeText = (text, length) => {
    at = bytes.writeUInt32BE(length, at);
    at += bytes.write(text, at, 'utf8');
  };
  writeText(event.streamId, lengths[0]);
  at = bytes.writeUInt32BE(event.streamRevision, at);
  writeText(event.type, lengths[1]);
  writeText(canonical.data, lengths[2]);
  writeText(canonical.metadata, lengths[3]);
  writeText(event.hash, lengths[4]);
  return bytes;
};

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
      const canonical = canonicalEvent(event);
      const head = heads.get(event.streamId);
      if (head) {
        if (event.streamRevision !== head.revision + 1) {
          failure = failureOf(event, 'revision-gap', String(head.revision + 1), String(event.streamRevision), 'a stream revision is missing or repeated');
          break;
        }
        const expected = hash('sha256', head.hash + canonical.hashed, 'hex');
        if (expected !== event.hash) {
          failure = failureOf(event, 'hash-mismatch', expected, event.hash, 'the event does not hash to what its stream chain holds: it, or the one before it, was altered');
          break;
        }
      } else {
        // Its predecessor is before this range: the main thread checks it (revision and chain) against the stream's earlier hash.
        firsts.push({ index: leaves.length, streamId: event.streamId, streamRevision: event.streamRevision, globalPosition: event.globalPosition, eventId: event.eventId, hashed: canonical.hashed, hash: event.hash });
      }
      heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
      leaves.push(hash('sha256', prefixedLeafOf(event, canonical), 'buffer'));
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

// Exported for the specs that compare this hashing with the domain's.
module.exports = { canonicalJson, canonicalEvent, prefixedLeafOf, GENESIS_HASH };
