import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Table from 'cli-table3';

/** A printed table: one header row, then rows of cells (multi-line cells allowed). */
export interface TableSpec {
  title: string;
  head: string[];
  rows: string[][];
}

export const renderTable = ({ title, head, rows }: TableSpec): string => {
  const table = new Table({ head, style: { head: [], border: [] } });
  table.push(...rows);
  return `${title}\n${table.toString()}`;
};

/** Writes one bench part's results as pretty JSON; returns the path written. */
export const writeJsonResult = async (
  resultsDir: string,
  part: string,
  result: unknown,
): Promise<string> => {
  const path = join(resultsDir, `${part}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatInt = (value: number): string => integer.format(value);
export const formatMs = (value: number): string =>
  value >= 10 ? value.toFixed(1) : value.toFixed(2);
export const formatRatio = (value: number | null): string =>
  value === null ? 'n/a' : `${Math.round(value * 100)}%`;

/** Progress goes to stderr so stdout stays the table. */
export const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
