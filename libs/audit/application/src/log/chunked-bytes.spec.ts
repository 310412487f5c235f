import { ChunkedBytes } from './chunked-bytes';

/** Reads `text` in pieces of the given sizes through `ensure`, as the row walk does: what it sees, piece by piece. */
const readInPieces = (chunks: Buffer[], sizes: number[]): string[] => {
  const input = new ChunkedBytes(chunks);
  return sizes.map((size) => {
    if (!input.ensure(size)) return '<end>';
    const piece = input.bytes.toString('latin1', input.at, input.at + size);
    input.at += size;
    return piece;
  });
};

const split = (text: string, ...cuts: number[]): Buffer[] => {
  const bounds = [0, ...cuts, text.length];
  return bounds.slice(1).map((end, index) => Buffer.from(text.slice(bounds[index], end), 'latin1'));
};

describe('ChunkedBytes', () => {
  const text = 'header|row one|row two, longer|trailer';
  const sizes = [7, 8, 16, 7];

  it('reads the same pieces however the bytes were cut into chunks, empty chunks included', () => {
    const whole = readInPieces([Buffer.from(text, 'latin1')], sizes);
    expect(whole).toEqual(['header|', 'row one|', 'row two, longer|', 'trailer']);
    for (let cut = 1; cut < text.length; cut++) expect(readInPieces(split(text, cut), sizes)).toEqual(whole);
    for (let size = 1; size <= 5; size++) {
      const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, index) => Buffer.from(text.slice(index * size, (index + 1) * size), 'latin1'));
      expect(readInPieces(chunks, sizes)).toEqual(whole);
    }
    expect(readInPieces([Buffer.alloc(0), ...split(text, 3, 3, 20), Buffer.alloc(0)], sizes)).toEqual(whole);
  });

  it('reads a piece inside a chunk where it lies, and copies only a piece that spans chunks', () => {
    const chunks = split(text, 10);
    const input = new ChunkedBytes(chunks);

    expect(input.ensure(7)).toBe(true);
    expect(input.bytes).toBe(chunks[0]);
    input.at += 7;
    expect(input.ensure(8)).toBe(true);
    expect(input.bytes).not.toBe(chunks[0]);
    expect(input.bytes.length).toBe(8);
    input.at += 8;
    // After the joined piece, the rest of the second chunk is read where it lies.
    expect(input.ensure(16)).toBe(true);
    expect(input.bytes.buffer).toBe(chunks[1].buffer);
  });

  it('answers false when the bytes end before the piece, and walks a second reader over the same chunks alike', () => {
    const chunks = split(text, 5, 25);
    expect(readInPieces(chunks, [...sizes, 1])).toEqual(['header|', 'row one|', 'row two, longer|', 'trailer', '<end>']);
    expect(readInPieces(chunks, [30, 9])).toEqual([text.slice(0, 30), '<end>']);
    expect(readInPieces(chunks, sizes)).toEqual(['header|', 'row one|', 'row two, longer|', 'trailer']);
  });
});
