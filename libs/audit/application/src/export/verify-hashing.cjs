'use strict';
/*
 * verify-hashing.cjs — the hashing of an ITSM audit export (HASHING.md), for plain JSON values.
 *
 * Plain Node.js (18 or later), node: built-ins only. It is shipped in every audit export beside verify.mjs, which
 * imports it. `checkTestVectors` compares it with test-vectors.json (computed by the platform's own
 * TypeScript code); `node verify.mjs --self-test` runs it, and so do the repository's specs.
 *
 * One source: libs/audit/application/src/export/verify-hashing.cjs in the ITSM repository. It must not require
 * anything from that repository.
 */
const crypto = require('node:crypto');

const GENESIS_HASH = '0'.repeat(64);

/** One-shot SHA-256 (crypto.hash where Node has it: faster for small inputs; createHash on Node 18). */
const sha256 =
  typeof crypto.hash === 'function'
    ? (data, encoding = 'buffer') => crypto.hash('sha256', data, encoding)
    : (data, encoding = 'buffer') => {
        const digest = crypto.createHash('sha256').update(data).digest();
        return encoding === 'buffer' ? digest : digest.toString(encoding);
      };

// ---------------------------------------------------------------------------------------------------------------
// Canonical JSON (RFC 8785) of values parsed from JSON, and the two hashes of an event (HASHING.md §1, §2).

/** RFC 8785 written member by member: any JSON value, including objects with array-index keys. */
const canonicalJsonByMember = (value) => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ',';
          text += value[i] === undefined ? 'null' : canonicalJsonByMember(value[i]);
        }
        return `${text}]`;
      }
      // Sorted by UTF-16 code units, as RFC 8785 orders keys.
      const keys = Object.keys(value).sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const member = value[key];
        if (member === undefined) continue;
        if (!first) text += ',';
        first = false;
        text += `${JSON.stringify(key)}:${canonicalJsonByMember(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new Error(`a ${typeof value} is not JSON`);
  }
};

/** An object key JavaScript keeps in numeric order whatever the insertion order: it cannot be re-ordered by copying. */
const ARRAY_INDEX = /^(0|[1-9]\d{0,9})$/;
const UNORDERABLE = Symbol('unorderable');

/**
 * A copy of a JSON value with every object's keys inserted in RFC 8785 order, so that one JSON.stringify writes its
 * canonical JSON (JSON.stringify writes numbers and strings as RFC 8785 does, and leaves out undefined members as
 * canonicalJson does). UNORDERABLE when an object has an array-index key.
 */
const orderedCopy = (value) => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`non-finite number ${value}`);
      return value;
    case 'undefined':
      return undefined;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const copy = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = value[i] === undefined ? null : orderedCopy(value[i]);
          if (item === UNORDERABLE) return UNORDERABLE;
          copy[i] = item;
        }
        return copy;
      }
      const keys = Object.keys(value);
      if (keys.length > 0 && ARRAY_INDEX.test(keys[0]) && Number(keys[0]) < 2 ** 32 - 1) return UNORDERABLE;
      keys.sort();
      const copy = {};
      for (const key of keys) {
        const member = value[key];
        if (member === undefined) continue;
        const ordered = orderedCopy(member);
        if (ordered === UNORDERABLE) return UNORDERABLE;
        // A "__proto__" key (JSON.parse makes it an ordinary member) must not set the copy's prototype.
        if (key === '__proto__') Object.defineProperty(copy, key, { value: ordered, enumerable: true, writable: true, configurable: true });
        else copy[key] = ordered;
      }
      return copy;
    }
    default:
      throw new Error(`a ${typeof value} is not JSON`);
  }
};

/**
 * RFC 8785 canonical JSON of a value parsed from JSON. Objects are copied with their keys in canonical order and
 * written by one JSON.stringify (which writes numbers and strings as RFC 8785 does and leaves out undefined members):
 * about twice as fast as member by member, which stays for objects with array-index keys.
 */
const canonicalJson = (value) => {
  if (typeof value !== 'object' || value === null) return canonicalJsonByMember(value);
  const ordered = orderedCopy(value);
  return ordered === UNORDERABLE ? canonicalJsonByMember(value) : JSON.stringify(ordered);
};

const member = (key, json) => (json === undefined ? '' : `,"${key}":${json}`);
const optional = (value) => (value === undefined ? undefined : canonicalJson(value));

/**
 * The canonical JSON pieces of an event, each value serialized once: `data`, the leaf's metadata object
 * { actor, causationId, correlationId, eventId, occurredAt, recordedAt, schemaVersion, traceparent } and the chain's
 * object of the twelve hashed fields (§1), with their keys written in sorted order and absent members left out.
 */
const canonicalPieces = (event) => {
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

/** hex(SHA-256(previousHash ‖ JCS(hashed fields))). */
const chainHashOf = (previousHash, pieces) => sha256(previousHash + pieces.hashed, 'hex');

/** RFC 6962's 0x00 ‖ layout 1: 0x01 ‖ u64 position ‖ str streamId ‖ u32 revision ‖ str type ‖ str JCS(data) ‖ str JCS(metadata) ‖ str hash. */
const prefixedLeafOf = (event, pieces) => {
  const lengths = [
    Buffer.byteLength(event.streamId),
    Buffer.byteLength(event.type),
    Buffer.byteLength(pieces.data),
    Buffer.byteLength(pieces.metadata),
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
  writeText(pieces.data, lengths[2]);
  writeText(pieces.metadata, lengths[3]);
  writeText(event.hash, lengths[4]);
  return bytes;
};

/** The leaf bytes of layout 1 (without RFC 6962's prefix). */
const leafOf = (event, pieces) => prefixedLeafOf(event, pieces).subarray(1);

/** The event's RFC 6962 leaf hash, SHA-256(0x00 ‖ leaf), from one buffer. */
const eventLeafHash = (event, pieces) => sha256(prefixedLeafOf(event, pieces));

// ---------------------------------------------------------------------------------------------------------------
// RFC 6962 / RFC 9162 Merkle tree (HASHING.md §4).

const leafHash = (leaf) => sha256(Buffer.concat([Buffer.of(0x00), leaf]));
const nodeHash = (left, right) => sha256(Buffer.concat([Buffer.of(0x01), left, right]));
const EMPTY_ROOT = sha256(Buffer.alloc(0));

/** The right edge of the tree (one perfect subtree per set bit of the size): O(log n) memory, any root on the way. */
class CompactRange {
  size = 0;
  nodes = [];
  append(leaf) {
    let hash = leaf;
    let size = this.size;
    // Merge with the perfect subtrees to the left while the size's low bits are set.
    while (size % 2 === 1) {
      hash = nodeHash(this.nodes.pop(), hash);
      size = Math.floor(size / 2);
    }
    this.nodes.push(hash);
    this.size++;
  }
  root() {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let hash = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) hash = nodeHash(this.nodes[i], hash);
    return hash;
  }
}

const isOdd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);
const isPowerOfTwo = (n) => {
  while (n > 1 && n % 2 === 0) n /= 2;
  return n === 1;
};

/** RFC 9162 §2.1.4.2. */
const verifyConsistency = (firstSize, secondSize, firstRoot, secondRoot, proof) => {
  if (firstSize > secondSize) return false;
  if (firstSize === 0) return proof.length === 0;
  if (firstSize === secondSize) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
};

// ---------------------------------------------------------------------------------------------------------------
// Ed25519 verifier keys and signed checkpoints (HASHING.md §3: C2SP signed-note and tlog-checkpoint).

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** `<name>+<key id hex>+<base64(0x01 ‖ 32-byte public key)>`. */
const parseVerifierKey = (text) => {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = trimmed.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new Error('a verifier key reads <name>+<key id>+<base64 key>');
  const name = trimmed.slice(0, first);
  const id = trimmed.slice(first + 1, second);
  const key = Buffer.from(trimmed.slice(second + 1), 'base64');
  if (key.length !== 33 || key[0] !== 0x01) throw new Error('the verifier key is not base64 of 0x01 and a 32-byte Ed25519 key');
  const publicKey = key.subarray(1);
  const keyId = sha256(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.of(0x01), publicKey])).subarray(0, 4);
  if (keyId.toString('hex') !== id) throw new Error('the verifier key\'s id does not match its name and key');
  return { name, keyId, text: trimmed, key: crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' }) };
};

const DECIMAL = /^(0|[1-9]\d{0,15})$/;

/** Checks a note's signature by the key and reads its body; throws with the reason. */
const openCheckpoint = (note, verifier) => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('not a signed note (a body, a blank line, signature lines)');
  const body = note.slice(0, split + 1);
  const lines = body.split('\n').slice(0, -1);
  const [origin, size, root, ...extensions] = lines;
  if (!origin || !DECIMAL.test(size ?? '')) throw new Error('the body does not start with an origin and a decimal tree size');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error('the root hash is not base64 of 32 bytes');
  const position = extensions.find((line) => line.startsWith('position '))?.slice('position '.length) ?? '0';
  if (!DECIMAL.test(position)) throw new Error('the position line is not a decimal number');
  const time = extensions.find((line) => line.startsWith('time '))?.slice('time '.length) ?? '';
  for (const line of note.slice(split + 2, -1).split('\n')) {
    if (!line.startsWith('\u2014 ')) throw new Error('a signature line starts with an em dash and a space');
    const [name, encoded] = line.slice(2).split(' ');
    const bytes = Buffer.from(encoded ?? '', 'base64');
    if (name !== verifier.name || bytes.length !== 68 || !bytes.subarray(0, 4).equals(verifier.keyId)) continue;
    if (!crypto.verify(null, Buffer.from(body, 'utf8'), verifier.key, bytes.subarray(4))) throw new Error(`the signature by ${verifier.name} does not match the checkpoint`);
    return { origin, treeSize: Number(size), rootHash, lastPosition: Number(position), time };
  }
  throw new Error(`no signature by the key ${verifier.name}+${verifier.keyId.toString('hex')}`);
};

// ---------------------------------------------------------------------------------------------------------------
// The published test vectors (HASHING.md §5, test-vectors.json).

/** Recomputes every test vector with this file's hashing; returns the ones it does not reproduce. */
const checkTestVectors = (vectors) => {
  const problems = [];
  const check = (what, actual, expected) => {
    if (actual !== expected) problems.push(`${what}: computed ${actual}, the vector says ${expected}`);
  };
  vectors.canonicalJson.forEach(({ value, canonical }, index) => check(`canonical JSON #${index}`, canonicalJson(value), canonical));
  vectors.events.forEach(({ line, previousHash, chainHash, leaf, leafHash: expectedLeafHash }, index) => {
    const pieces = canonicalPieces(line);
    check(`chain hash of event #${index}`, chainHashOf(previousHash, pieces), chainHash);
    check(`leaf of event #${index}`, leafOf(line, pieces).toString('hex'), leaf);
    check(`leaf hash of event #${index}`, eventLeafHash(line, pieces).toString('hex'), expectedLeafHash);
  });
  const tree = new CompactRange();
  check('root of the empty tree', tree.root().toString('hex'), vectors.merkle.roots[0]);
  vectors.merkle.leaves.forEach((leaf, index) => {
    const hash = leafHash(Buffer.from(leaf, 'hex'));
    check(`RFC 6962 leaf hash #${index}`, hash.toString('hex'), vectors.merkle.leafHashes[index]);
    tree.append(hash);
    check(`RFC 6962 root of ${index + 1} leaves`, tree.root().toString('hex'), vectors.merkle.roots[index + 1]);
  });
  const roots = vectors.merkle.roots;
  for (const { first, second, proof } of vectors.merkle.consistency) {
    const holds = verifyConsistency(first, second, Buffer.from(roots[first], 'hex'), Buffer.from(roots[second], 'hex'), proof.map((hash) => Buffer.from(hash, 'hex')));
    check(`consistency proof ${first} → ${second}`, holds, true);
  }
  try {
    const checkpoint = openCheckpoint(vectors.checkpoint.note, parseVerifierKey(vectors.checkpoint.verifierKey));
    check('checkpoint tree size', checkpoint.treeSize, vectors.checkpoint.treeSize);
    check('checkpoint root', checkpoint.rootHash.toString('hex'), vectors.checkpoint.rootHash);
  } catch (error) {
    problems.push(`the example checkpoint: ${error.message}`);
  }
  try {
    openCheckpoint(vectors.checkpoint.note.replace(/\n8\n/, '\n9\n'), parseVerifierKey(vectors.checkpoint.verifierKey));
    problems.push('a checkpoint with a changed tree size was accepted');
  } catch {
    // Refused, as it must be.
  }
  return problems;
};

module.exports = {
  GENESIS_HASH,
  canonicalJson,
  canonicalPieces,
  chainHashOf,
  prefixedLeafOf,
  leafOf,
  eventLeafHash,
  leafHash,
  nodeHash,
  EMPTY_ROOT,
  CompactRange,
  verifyConsistency,
  parseVerifierKey,
  openCheckpoint,
  checkTestVectors,
};
