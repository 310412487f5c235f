import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCheckpointNote } from '../checkpoints/checkpoint';
import { parseNoteVerifier } from '../checkpoints/note-keys';
import { fromHex } from '../merkle/hashes';
import { verifyConsistency } from '../merkle/proofs';
import { hashingTestVectors } from './hashing-test-vectors';

const DOC = join(__dirname, '../../../../../docs/audit-hashing.md');

/** The JSON block of §5 of the published hashing specification. */
const publishedVectors = (): unknown => {
  const page = readFileSync(DOC, 'utf8');
  const section = page.slice(page.indexOf('## 5. Test vectors'));
  const block = /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error(`no JSON block in §5 of ${DOC}`);
  return JSON.parse(block[1]);
};

describe('the hashing test vectors', () => {
  it('are the ones docs/audit-hashing.md publishes (the page cannot drift from the code)', () => {
    expect(publishedVectors()).toEqual(JSON.parse(JSON.stringify(hashingTestVectors())));
  });

  it('keep the example event of §2 and RFC 6962\'s reference roots', () => {
    const vectors = hashingTestVectors();
    expect(vectors.events[0]).toMatchObject({
      chainHash: 'bb60ed50f4a821460c7d4c1a73a6af9c3bd1db6383e96ae17e92d156ff68c8c8',
      leafHash: '96b5255b690430d8a53313621263ad2a071f8cf9b37e987c8545adc9ac21b24f',
    });
    expect(vectors.events[1].previousHash).toBe(vectors.events[0].chainHash);
    expect(vectors.merkle.roots[8]).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });

  it('hold a checkpoint that verifies with its key and consistency proofs that verify', () => {
    const { checkpoint, merkle } = hashingTestVectors();
    const check = verifyCheckpointNote(checkpoint.note, parseNoteVerifier(checkpoint.verifierKey));
    expect(check).toMatchObject({ ok: true, checkpoint: { treeSize: 8 } });
    for (const { first, second, proof } of merkle.consistency) {
      expect(verifyConsistency(first, second, fromHex(merkle.roots[first]), fromHex(merkle.roots[second]), proof.map(fromHex))).toBe(true);
    }
  });
});
