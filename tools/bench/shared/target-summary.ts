import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { BenchConfig } from './config';
import { formatRatio, renderTable, writeJsonResult } from './report';
import type { TargetVerdict } from './target-verdict';

/**
 * One issue target as a part measured it in this run: what the summary table at the end of `npm run bench`
 * shows and `bench-results/summary.json` keeps (and `compare.mjs` compares between two commits).
 */
export interface TargetOutcome {
  part: string;
  /** What was measured, unique within the part: `8 concurrent writers on postgres: ours ÷ Emmett`. */
  figure: string;
  /** The measured figure with its unit: `2,410 ev/s`, `p99 12.4 ms`. */
  value: string;
  /** The figure as a number (ev/s, ms…), for comparisons across runs. */
  amount: number | null;
  /** Ours ÷ the peer (or the budget) the target names; null when the target names no ratio. */
  ratio: number | null;
  target: string;
  /** null: the target does not apply here (e.g. embedded), or the figure could not be measured. */
  met: boolean | null;
}

/** A target outcome built from a part's existing verdict. */
export const targetOutcome = (
  part: string,
  figure: string,
  measured: { value: string; amount: number | null; ratio?: number | null },
  { target, met }: TargetVerdict,
): TargetOutcome => ({
  part,
  figure,
  value: measured.value,
  amount: measured.amount,
  ratio: measured.ratio ?? null,
  target,
  met,
});

const metText = (met: boolean | null): string =>
  met === null ? 'n/a' : met ? 'met' : 'MISSED';

/** The commit the run measured (with `+dirty` for uncommitted changes), for comparing runs. */
const measuredCommit = (): string | null => {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+dirty' : ''}`;
  } catch {
    return null;
  }
};

/** Prints the one summary table of every target the parts reported and writes it to `summary.json`. */
export const reportTargetSummary = async (
  config: BenchConfig,
  outcomes: readonly TargetOutcome[],
): Promise<string> => {
  const [load1, load5, load15] = loadavg().map((load) => Math.round(load * 100) / 100);
  const met = outcomes.filter((outcome) => outcome.met === true).length;
  const judged = outcomes.filter((outcome) => outcome.met !== null).length;
  const rows = outcomes.map((outcome) => [
    outcome.part,
    outcome.figure,
    outcome.value,
    outcome.ratio === null ? '' : formatRatio(outcome.ratio),
    outcome.target,
    metText(outcome.met),
  ]);
  const title = `Targets: ${met} of ${judged} met (BENCH_SCALE=${config.scale}, BENCH_ROUNDS=${config.rounds}, load average ${load1} / ${load5} / ${load15} on ${cpus().length} cores)`;
  process.stdout.write(
    `\n${renderTable({ title, head: ['part', 'figure', 'measured', 'ratio', 'target', 'verdict'], rows })}\n`,
  );
  return writeJsonResult(config.resultsDir, 'summary', {
    finishedAt: new Date().toISOString(),
    commit: measuredCommit(),
    scale: config.scale,
    rounds: config.rounds,
    machine: { cpus: cpus().length, node: process.version, loadAverage: { load1, load5, load15 } },
    targets: outcomes,
  });
};
