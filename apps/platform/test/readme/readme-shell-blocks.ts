import { readFileSync } from 'node:fs';

/** A fenced `sh` block of a markdown file and the heading it stands under. */
export interface ShellBlock {
  heading: string;
  lines: string[];
}

/** Every ```sh block of the markdown file, in order, with the nearest heading above it. */
export const shellBlocksOf = (markdownFile: string): ShellBlock[] => {
  const blocks: ShellBlock[] = [];
  let heading = '';
  let current: ShellBlock | null = null;
  for (const line of readFileSync(markdownFile, 'utf8').split('\n')) {
    if (current) {
      if (line.startsWith('```')) {
        blocks.push(current);
        current = null;
      } else {
        current.lines.push(line);
      }
    } else if (line.startsWith('```sh')) {
      current = { heading, lines: [] };
    } else if (/^#{1,6} /.test(line)) {
      heading = line.replace(/^#+ /, '');
    }
  }
  return blocks;
};
