import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A checkpoint note copied outside the database. */
export interface CopiedCheckpoint {
  file: string;
  note: string;
}

export class CheckpointCopyConflict extends Error {
  override readonly name = 'CheckpointCopyConflict';
}

const FILE = /^(\d+)\.checkpoint$/;

/**
 * Copies of the signed checkpoints in a directory, one file per checkpoint (`<tree size>.checkpoint`, the note as
 * signed), created and never overwritten: point it at write-once storage (an append-only or object-locked mount)
 * so that someone who can rewrite the database cannot rewrite these too.
 */
export class CheckpointCopies {
  constructor(readonly directory: string) {}

  fileOf(treeSize: number): string {
    return join(this.directory, `${treeSize}.checkpoint`);
  }

  /** Writes the copy once; an identical copy already there is fine, a different one is a conflict (throws). */
  async write(treeSize: number, note: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const file = this.fileOf(treeSize);
    try {
      await writeFile(file, note, { flag: 'wx', mode: 0o444 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = await readFile(file, 'utf8');
      if (existing !== note) throw new CheckpointCopyConflict(`${file} already holds another checkpoint of size ${treeSize}`);
    }
  }

  /** Every copy in the directory, by tree size (none when the directory does not exist). */
  async readAll(): Promise<CopiedCheckpoint[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const files = names.filter((name) => FILE.test(name)).sort((a, b) => Number(FILE.exec(a)?.[1]) - Number(FILE.exec(b)?.[1]));
    return Promise.all(files.map(async (name) => ({ file: join(this.directory, name), note: await readFile(join(this.directory, name), 'utf8') })));
  }
}
