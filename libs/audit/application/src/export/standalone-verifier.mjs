#!/usr/bin/env node
/*
 * verify.mjs — the standalone verifier of an ITSM audit export (`itsm export --audit`).
 *
 * Plain Node.js (18 or later), node: built-ins only, and verify-hashing.cjs beside it (the published hashing):
 * copy the export folder to any machine and run
 *
 *   node verify.mjs [EXPORT_DIR] [--key VERIFIER_KEY] [--require-signed] [--json] [--self-test]
 *
 * It recomputes, from the files alone (HASHING.md gives every byte):
 *   1. the Ed25519 signature of every checkpoint (checkpoints.jsonl) with the verifier key (verifier-key.txt, or
 *      --key: the key you obtained from the operator by another channel, which the file must equal), and the
 *      RFC 6962 consistency proof between each checkpoint and the one before it;
 *   2. every stream's hash chain, revisions and the global order of events.jsonl (one event per line);
 *   3. the RFC 6962 Merkle root of the events at each checkpoint's tree size, and its last position;
 *   4. that the log is not shorter than any checkpoint, and holds as many events as the manifest says.
 * It exits 0 when everything holds, 1 at the first failure (naming the file, line, position, stream and event),
 * 2 when it cannot run (missing file, bad arguments). --self-test checks the hashing (verify-hashing.cjs) against
 * test-vectors.json (computed by the platform's own code) and exits.
 *
 * One source: libs/audit/application/src/export/standalone-verifier.mjs in the ITSM repository. It must not import
 * anything from that repository but verify-hashing.cjs, which ships with it.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// The published hashing, shipped beside this file.
import hashing from './verify-hashing.cjs';

const { GENESIS_HASH, canonicalPieces, chainHashOf, eventLeafHash, CompactRange, verifyConsistency, parseVerifierKey, openCheckpoint, checkTestVectors } = hashing;
const HEX64 = /^[0-9a-f]{64}$/;

// ---------------------------------------------------------------------------------------------------------------
// The run.

class Failure extends Error {
  constructor(reason, detail, where = {}) {
    super(detail);
    this.reason = reason;
    this.where = where;
  }
}

const readJsonLines = async function* (file) {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    yield { number, line };
  }
};

/** The members of a line (`itsm export --format jsonl`): every one is covered by the chain hash or the leaf. */
const LINE_MEMBERS = new Set(['globalPosition', 'streamId', 'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actor', 'correlationId', 'causationId', 'traceparent', 'hash', 'data']);

const eventShapeProblem = (event) => {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return 'not a JSON object';
  const foreign = Object.keys(event).find((key) => !LINE_MEMBERS.has(key));
  if (foreign !== undefined) return `the member "${foreign}" is not part of an event (nothing covers it)`;
  if (!Number.isSafeInteger(event.globalPosition) || event.globalPosition < 0) return 'globalPosition is not a whole number';
  if (typeof event.streamId !== 'string' || !event.streamId) return 'streamId is not a string';
  if (!Number.isSafeInteger(event.streamRevision) || event.streamRevision < 0 || event.streamRevision >= 2 ** 32) return 'streamRevision is not a whole number';
  if (typeof event.type !== 'string') return 'type is not a string';
  if (typeof event.eventId !== 'string') return 'eventId is not a string';
  if (typeof event.hash !== 'string' || !HEX64.test(event.hash)) return 'hash is not 64 lower-case hex digits';
  return null;
};

const progress = (enabled) => {
  let last = 0;
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      const share = total ? Math.min(1, done / total) : 0;
      process.stderr.write(`\rverify [${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${done} / ${total} events `);
    },
    stop() {
      if (enabled) process.stderr.write('\n');
    },
  };
};

const verifyExport = async (dir, options) => {
  const file = (name) => join(dir, name);
  for (const name of ['manifest.json', 'events.jsonl', 'checkpoints.jsonl', 'verifier-key.txt']) {
    if (!existsSync(file(name))) throw Object.assign(new Error(`${file(name)} is missing: is ${dir} an audit export?`), { usage: true });
  }
  const manifest = JSON.parse(readFileSync(file('manifest.json'), 'utf8'));
  const shippedKey = readFileSync(file('verifier-key.txt'), 'utf8').trim();
  let verifier;
  try {
    verifier = parseVerifierKey(options.key ?? shippedKey);
  } catch (error) {
    throw new Failure('verifier-key', error.message, { file: options.key ? '--key' : 'verifier-key.txt' });
  }
  if (options.key && verifier.text !== shippedKey) {
    throw new Failure('verifier-key', `verifier-key.txt (${shippedKey}) is not the key you gave (${verifier.text}): the export was signed by another key`, { file: 'verifier-key.txt' });
  }

  // 1. The checkpoints: signatures, origin, order, consistency with the one before.
  const checkpoints = [];
  for await (const { number, line } of readJsonLines(file('checkpoints.jsonl'))) {
    if (!line.trim()) continue;
    const where = { file: 'checkpoints.jsonl', line: number };
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Failure('malformed-line', 'the line is not JSON', where);
    }
    let checkpoint;
    try {
      checkpoint = openCheckpoint(String(entry.note), verifier);
    } catch (error) {
      throw new Failure('checkpoint-signature', error.message, where);
    }
    if (checkpoint.origin !== manifest.origin) throw new Failure('checkpoint-origin', `origin "${checkpoint.origin}", the export's is "${manifest.origin}"`, where);
    const previous = checkpoints[checkpoints.length - 1];
    if (previous && checkpoint.treeSize <= previous.treeSize) throw new Failure('checkpoint-order', `tree size ${checkpoint.treeSize} after ${previous.treeSize}`, where);
    if (previous) {
      const proof = Array.isArray(entry.consistency?.proof) ? entry.consistency.proof : [];
      if (entry.consistency?.fromTreeSize !== previous.treeSize || !proof.every((hash) => HEX64.test(hash))) {
        throw new Failure('checkpoint-consistency', `no consistency proof from the checkpoint of ${previous.treeSize} events`, where);
      }
      if (!verifyConsistency(previous.treeSize, checkpoint.treeSize, previous.rootHash, checkpoint.rootHash, proof.map((hash) => Buffer.from(hash, 'hex')))) {
        throw new Failure('checkpoint-consistency', `the tree of ${checkpoint.treeSize} events does not extend the tree of ${previous.treeSize} (the consistency proof fails)`, where);
      }
    }
    checkpoints.push({ ...checkpoint, line: number });
  }

  // 2-3. The events: order, chains, leaves, the root at each checkpoint.
  const heads = new Map();
  const tree = new CompactRange();
  const expected = Number(manifest.events) || 0;
  const bar = progress(options.progress);
  let next = 0;
  let lastPosition = -1;
  let lineNumber = 0;
  try {
    for await (const { number, line } of readJsonLines(file('events.jsonl'))) {
      lineNumber = number;
      const where = { file: 'events.jsonl', line: number };
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        throw new Failure('malformed-line', 'the line is not JSON', where);
      }
      const problem = eventShapeProblem(event);
      if (problem) throw new Failure('malformed-event', problem, where);
      Object.assign(where, { globalPosition: event.globalPosition, streamId: event.streamId, streamRevision: event.streamRevision, eventId: event.eventId });
      if (event.globalPosition <= lastPosition) throw new Failure('position-out-of-order', `position ${event.globalPosition} follows position ${lastPosition}: positions must only increase`, where);
      lastPosition = event.globalPosition;
      const head = heads.get(event.streamId);
      const revision = head ? head.revision + 1 : 0;
      if (event.streamRevision !== revision) {
        throw new Failure('revision-gap', `the stream's revision ${revision} was expected, the line holds ${event.streamRevision}: an event of the stream is missing, repeated or moved`, where);
      }
      const pieces = canonicalPieces(event);
      const chained = chainHashOf(head ? head.hash : GENESIS_HASH, pieces);
      if (chained !== event.hash) {
        throw new Failure('hash-mismatch', `the event hashes to ${chained} but its hash field is ${event.hash}: the line was altered (or the stream's previous event was)`, where);
      }
      heads.set(event.streamId, { revision, hash: event.hash });
      tree.append(eventLeafHash(event, pieces));
      while (next < checkpoints.length && checkpoints[next].treeSize === tree.size) {
        const checkpoint = checkpoints[next];
        const at = { ...where, checkpoint: checkpoint.treeSize, checkpointLine: checkpoint.line };
        if (!tree.root().equals(checkpoint.rootHash)) {
          throw new Failure('checkpoint-root-mismatch', `the first ${tree.size} events give the root ${tree.root().toString('hex')}, the signed checkpoint says ${checkpoint.rootHash.toString('hex')}: an event up to here was changed, removed, added or moved`, at);
        }
        if (checkpoint.lastPosition !== event.globalPosition) {
          throw new Failure('checkpoint-position-mismatch', `the signed checkpoint ends at position ${checkpoint.lastPosition}, its last event here is at ${event.globalPosition}`, at);
        }
        next++;
      }
      bar.update(tree.size, expected);
    }
  } finally {
    bar.stop();
  }
  if (next < checkpoints.length) {
    const missing = checkpoints[next];
    throw new Failure('log-shorter-than-checkpoint', `the signed checkpoint of ${missing.treeSize} events (checkpoints.jsonl line ${missing.line}) covers more than the ${tree.size} events of events.jsonl: events were removed`, {
      file: 'events.jsonl',
      line: lineNumber,
    });
  }
  if (tree.size !== expected) {
    throw new Failure('event-count', `manifest.json says ${expected} events, events.jsonl holds ${tree.size}`, { file: 'events.jsonl', line: lineNumber });
  }
  const signed = checkpoints.length ? checkpoints[checkpoints.length - 1].treeSize : 0;
  if (options.requireSigned && signed < tree.size) {
    throw new Failure('unsigned-tail', `the last ${tree.size - signed} events are not covered by a signed checkpoint`, { file: 'events.jsonl', line: signed + 1 });
  }
  return {
    ok: true,
    events: tree.size,
    streams: heads.size,
    lastPosition: lastPosition < 0 ? null : lastPosition,
    checkpoints: checkpoints.length,
    signedEvents: signed,
    unsignedEvents: tree.size - signed,
    root: tree.root().toString('hex'),
    verifierKey: verifier.text,
    origin: manifest.origin,
  };
};

/** Checks the shipped hashing (verify-hashing.cjs) against test-vectors.json; returns the problems. */
const selfTest = (dir) => checkTestVectors(JSON.parse(readFileSync(join(dir, 'test-vectors.json'), 'utf8')));

const describeWhere = (where) =>
  [
    where.file && `${where.file}${where.line ? ` line ${where.line}` : ''}`,
    where.globalPosition !== undefined && `position ${where.globalPosition}`,
    where.streamId && `stream ${where.streamId} revision ${where.streamRevision}`,
    where.eventId && `event ${where.eventId}`,
    where.checkpoint !== undefined && `checkpoint of ${where.checkpoint} events (checkpoints.jsonl line ${where.checkpointLine})`,
  ]
    .filter(Boolean)
    .join(', ');

const main = async (argv) => {
  const args = argv.slice(2);
  const options = { key: undefined, json: false, selfTest: false, requireSigned: false, progress: process.stderr.isTTY };
  let dir;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--key') options.key = args[++i];
    else if (arg === '--json') options.json = true;
    else if (arg === '--self-test') options.selfTest = true;
    else if (arg === '--require-signed') options.requireSigned = true;
    else if (arg === '--no-progress') options.progress = false;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node verify.mjs [EXPORT_DIR] [--key VERIFIER_KEY] [--require-signed] [--json] [--no-progress] [--self-test]\n');
      return 0;
    } else if (!arg.startsWith('--') && dir === undefined) dir = arg;
    else {
      process.stderr.write(`verify.mjs: unknown argument ${arg} (try --help)\n`);
      return 2;
    }
  }
  if (options.key === '') options.key = undefined;
  dir = resolve(dir ?? dirname(fileURLToPath(import.meta.url)));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`verify.mjs: ${dir} is not a directory\n`);
    return 2;
  }
  if (options.selfTest) {
    const problems = selfTest(dir);
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: problems.length === 0, problems })}\n`);
    else process.stdout.write(problems.length ? `SELF-TEST FAILED\n${problems.map((problem) => `  ${problem}\n`).join('')}` : 'self-test passed: verify-hashing.cjs computes every test vector of test-vectors.json\n');
    return problems.length ? 1 : 0;
  }
  try {
    const result = await verifyExport(dir, options);
    if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `OK: ${result.events} events in ${result.streams} streams (up to position ${result.lastPosition ?? '-'}): every hash chain, revision and the global order hold; ` +
          (result.checkpoints === 0
            ? 'there is no signed checkpoint to check them against.\n'
            : `${result.checkpoints} signed checkpoints by ${result.verifierKey} verify, each consistent with the one before, and the events give each one's root.\n`),
      );
      if (result.unsignedEvents > 0) process.stdout.write(`WARNING: the last ${result.unsignedEvents} events are after the last signed checkpoint: their chains hold, but no signature covers them.\n`);
    }
    return 0;
  } catch (error) {
    if (error.usage) {
      process.stderr.write(`verify.mjs: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof Failure)) {
      process.stderr.write(`verify.mjs: ${error.stack ?? error}\n`);
      return 2;
    }
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, reason: error.reason, detail: error.message, ...error.where })}\n`);
    else process.stdout.write(`FAILED at ${describeWhere(error.where)}: ${error.reason}\n  ${error.message}\n`);
    return 1;
  }
};

process.exitCode = await main(process.argv);
