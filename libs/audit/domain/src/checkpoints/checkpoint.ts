import type { Hash } from '../merkle/hashes';
import { HASH_BYTES } from '../merkle/hashes';
import type { NoteSigner, NoteVerifier } from './note-keys';

/**
 * A signed tree head of the audit log, written as a C2SP tlog checkpoint inside a signed note:
 *
 *   <origin>\n<tree size>\n<base64 root hash>\ntime <RFC 3339, ms, UTC>\nposition <global position of the last leaf>\n
 *   \n
 *   — <key name> <base64(key id ‖ Ed25519 signature of everything above the blank line)>\n
 *
 * The two extension lines are part of the signed body: when the head was made and how far into the log it reaches.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Hash;
  /** When it was signed (RFC 3339, as `Date.toISOString()` writes it). */
  time: string;
  /** Global position of the tree's last leaf; 0 for the empty tree. */
  lastPosition: number;
}

export interface SignedCheckpoint extends Checkpoint {
  /** The whole signed note, exactly as signed: what is stored and copied to write-once storage. */
  note: string;
  keyName: string;
  /** Hex of the 4-byte key id. */
  keyId: string;
}

const SIGNATURE_PREFIX = '\u2014 ';

export class InvalidCheckpoint extends Error {
  override readonly name = 'InvalidCheckpoint';
}

/** The signed body of a checkpoint note. */
export const checkpointBody = ({ origin, treeSize, rootHash, time, lastPosition }: Checkpoint): string => {
  if (!origin || /[\n]/.test(origin)) throw new InvalidCheckpoint('the origin is one non-empty line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new InvalidCheckpoint(`invalid tree size ${treeSize}`);
  if (rootHash.length !== HASH_BYTES) throw new InvalidCheckpoint('the root hash is 32 bytes');
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\ntime ${time}\nposition ${lastPosition}\n`;
};

/** Signs a tree head: the note holds the body, a blank line and one signature line. */
export const signCheckpoint = (checkpoint: Checkpoint, signer: NoteSigner): SignedCheckpoint => {
  const body = checkpointBody(checkpoint);
  const signature = signer.sign(Buffer.from(body, 'utf8'));
  const line = `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
  return { ...checkpoint, note: `${body}\n${line}`, keyName: signer.name, keyId: signer.keyId.toString('hex') };
};

const DECIMAL = /^(0|[1-9]\d{0,15})$/;

/** Reads the body of a checkpoint note; throws InvalidCheckpoint when it is not one. */
export const parseCheckpointBody = (body: string): Checkpoint => {
  const lines = body.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new InvalidCheckpoint('a checkpoint body is at least three lines, each ending in a newline');
  const [origin, size, root, ...extensions] = lines.slice(0, -1);
  if (!origin) throw new InvalidCheckpoint('the first line (origin) is empty');
  if (!DECIMAL.test(size)) throw new InvalidCheckpoint(`the tree size "${size}" is not a decimal number`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root) throw new InvalidCheckpoint('the root hash is not base64 of 32 bytes');
  const extension = (key: string) => extensions.find((line) => line.startsWith(`${key} `))?.slice(key.length + 1);
  const position = extension('position') ?? '0';
  if (!DECIMAL.test(position)) throw new InvalidCheckpoint(`the position "${position}" is not a decimal number`);
  return { origin, treeSize: Number(size), rootHash, time: extension('time') ?? '', lastPosition: Number(position) };
};

export type CheckpointCheck =
  | { ok: true; checkpoint: SignedCheckpoint }
  | { ok: false; reason: 'malformed' | 'no-signature-by-key' | 'bad-signature' | 'wrong-origin'; detail: string };

/**
 * Checks a stored or copied note: its shape, and a signature line by `verifier` (other signers' lines are
 * allowed and ignored, as in C2SP signed notes). The origin must be the one expected when given.
 */
export const verifyCheckpointNote = (note: string, verifier: NoteVerifier, expectedOrigin?: string): CheckpointCheck => {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'malformed', detail: 'a signed note is a body, a blank line and signature lines' };
  const body = note.slice(0, split + 1);
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpointBody(body);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: (error as Error).message };
  }
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    return { ok: false, reason: 'wrong-origin', detail: `origin "${checkpoint.origin}", expected "${expectedOrigin}"` };
  }
  const lines = note.slice(split + 2, -1).split('\n');
  for (const line of lines) {
    if (!line.startsWith(SIGNATURE_PREFIX)) return { ok: false, reason: 'malformed', detail: 'a signature line starts with an em dash and a space' };
    const [name, encoded, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
    if (rest.length > 0 || !encoded) return { ok: false, reason: 'malformed', detail: 'a signature line is "— <name> <base64>"' };
    const bytes = Buffer.from(encoded, 'base64');
    if (name !== verifier.name || bytes.length < 5 || !bytes.subarray(0, 4).equals(verifier.keyId)) continue;
    if (!verifier.verify(Buffer.from(body, 'utf8'), bytes.subarray(4))) {
      return { ok: false, reason: 'bad-signature', detail: `the signature by ${verifier.name} does not match the checkpoint` };
    }
    return { ok: true, checkpoint: { ...checkpoint, note, keyName: verifier.name, keyId: verifier.keyId.toString('hex') } };
  }
  return { ok: false, reason: 'no-signature-by-key', detail: `no signature by ${verifier.name}+${verifier.keyId.toString('hex')}` };
};
