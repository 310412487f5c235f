/**
 * A COPY's output in the chunks it arrived in, read front to back: `bytes` from `at` is what is left of the current
 * chunk, and `ensure(count)` makes the next `count` bytes lie there. Only the bytes that span two chunks are joined
 * (a few per chunk boundary), so nothing else is copied.
 */
export class ChunkedBytes {
  bytes: Buffer;
  at = 0;
  /** The chunks not read yet from `nextChunk` on (a copy of the list: a split chunk's rest is put back in it). */
  private readonly chunks: Buffer[];
  private nextChunk = 1;

  constructor(chunks: readonly Buffer[]) {
    this.chunks = [...chunks];
    this.bytes = chunks[0] ?? Buffer.alloc(0);
  }

  /** Whether the next `count` bytes now lie in `bytes` from `at`; false when the output ends before them. */
  ensure(count: number): boolean {
    if (this.at + count <= this.bytes.length) return true;
    // At the end of a chunk, the next one is read where it lies.
    while (this.at === this.bytes.length && this.nextChunk < this.chunks.length) {
      this.bytes = this.chunks[this.nextChunk++];
      this.at = 0;
      if (count <= this.bytes.length) return true;
    }
    return this.join(count);
  }

  /** The rest of the current chunk and the first bytes of the next ones, as one buffer of exactly `count` bytes. */
  private join(count: number): boolean {
    const pieces = [this.bytes.subarray(this.at)];
    let have = pieces[0].length;
    let rest: Buffer | null = null;
    while (have < count && this.nextChunk < this.chunks.length) {
      const chunk = this.chunks[this.nextChunk++];
      const taken = Math.min(chunk.length, count - have);
      pieces.push(chunk.subarray(0, taken));
      have += taken;
      if (taken < chunk.length) rest = chunk.subarray(taken);
    }
    if (have < count) return false;
    this.bytes = Buffer.concat(pieces, count);
    this.at = 0;
    // The rest of the last chunk taken from is read next, where it lies.
    if (rest) this.chunks[--this.nextChunk] = rest;
    return true;
  }
}
