import { leafHash, sha256 } from '../merkle/hashes';
import { checkpointBody, parseCheckpointBody, signCheckpoint, verifyCheckpointNote, type Checkpoint } from './checkpoint';
import { InvalidNoteKey, noteSignerFromSeed, parseNoteSigner, parseNoteVerifier } from './note-keys';

/** RFC 8032 §7.1, TEST 1 and TEST 2: Node's Ed25519 under our key forms signs exactly as the RFC says. */
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

const signer = noteSignerFromSeed('itsm.example/audit', Buffer.from(RFC8032[0].seed, 'hex'));
const head: Checkpoint = { origin: 'itsm.example/audit', treeSize: 8, rootHash: leafHash(Buffer.alloc(0)), time: '2026-11-02T08:00:00.000Z', lastPosition: 12 };

describe('signed checkpoints', () => {
  it('sign with Ed25519 as RFC 8032 does', () => {
    for (const vector of RFC8032) {
      const key = noteSignerFromSeed('rfc8032', Buffer.from(vector.seed, 'hex'));
      expect(key.verifier.publicKey.toString('hex')).toBe(vector.publicKey);
      expect(key.sign(Buffer.from(vector.message, 'hex')).toString('hex')).toBe(vector.signature);
      expect(key.verifier.verify(Buffer.from(vector.message, 'hex'), Buffer.from(vector.signature, 'hex'))).toBe(true);
    }
  });

  it('keep keys in the signed-note text forms, with a key id derived from name and key', () => {
    const keyId = sha256(Buffer.concat([Buffer.from('itsm.example/audit\n'), Buffer.of(1), signer.verifier.publicKey])).subarray(0, 4);
    expect(signer.keyId).toEqual(keyId);
    expect(signer.verifier.text).toBe(`itsm.example/audit+${keyId.toString('hex')}+${Buffer.concat([Buffer.of(1), signer.verifier.publicKey]).toString('base64')}`);
    expect(parseNoteSigner(signer.text).verifier.text).toBe(signer.verifier.text);
    expect(parseNoteVerifier(signer.verifier.text).publicKey).toEqual(signer.verifier.publicKey);
    expect(() => parseNoteVerifier(signer.verifier.text.replace('itsm.example', 'other.example'))).toThrow(InvalidNoteKey);
    expect(() => parseNoteSigner('PRIVATE+KEY+name+00000000+AAAA')).toThrow(InvalidNoteKey);
    expect(() => noteSignerFromSeed('has space', Buffer.alloc(32))).toThrow(InvalidNoteKey);
  });

  it('write the C2SP checkpoint body with the time and position extension lines', () => {
    expect(checkpointBody(head)).toBe(
      `itsm.example/audit\n8\n${head.rootHash.toString('base64')}\ntime 2026-11-02T08:00:00.000Z\nposition 12\n`,
    );
    expect(parseCheckpointBody(checkpointBody(head))).toEqual(head);
  });

  it('verify a signed note, and refuse one with any signed byte changed', () => {
    const signed = signCheckpoint(head, signer);
    expect(signed.note).toMatch(/^itsm\.example\/audit\n8\n.+\ntime .+\nposition 12\n\n\u2014 itsm\.example\/audit [A-Za-z0-9+/=]+\n$/);
    const check = verifyCheckpointNote(signed.note, signer.verifier, 'itsm.example/audit');
    expect(check).toMatchObject({ ok: true, checkpoint: { treeSize: 8, lastPosition: 12, keyId: signer.keyId.toString('hex') } });
    expect(verifyCheckpointNote(signed.note.replace('\n8\n', '\n9\n'), signer.verifier)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyCheckpointNote(signed.note, signer.verifier, 'elsewhere')).toMatchObject({ ok: false, reason: 'wrong-origin' });
    const stranger = noteSignerFromSeed('itsm.example/audit', Buffer.alloc(32, 7));
    expect(verifyCheckpointNote(signed.note, stranger.verifier)).toMatchObject({ ok: false, reason: 'no-signature-by-key' });
    expect(verifyCheckpointNote('garbage', signer.verifier)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('accept other signers\' lines beside ours (a witness may cosign)', () => {
    const witness = noteSignerFromSeed('witness.example', Buffer.alloc(32, 9));
    const signed = signCheckpoint(head, signer);
    const witnessLine = `\u2014 witness.example ${Buffer.concat([witness.keyId, witness.sign(Buffer.from(checkpointBody(head)))]).toString('base64')}\n`;
    expect(verifyCheckpointNote(`${signed.note}${witnessLine}`, signer.verifier).ok).toBe(true);
    expect(verifyCheckpointNote(`${signed.note}${witnessLine}`, witness.verifier).ok).toBe(true);
  });
});
