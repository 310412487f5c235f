import {
  formatInt,
  formatMs,
  formatRatio,
  renderTable,
} from '../shared/report';
import { verdictText, type TargetVerdict } from '../shared/target-verdict';

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PipelineResult {
  id: string;
  title: string;
  samples: number;
  ratePerSec: number;
  lost: number;
  visible: LatencyFigures;
  append: LatencyFigures;
  targetMs: number;
  /** p99 ÷ the issue's budget: under 100% meets it. */
  budgetUsed: number;
  verdict: TargetVerdict;
}

const figures = ({ p50, p95, p99 }: LatencyFigures) =>
  `${formatMs(p50)} / ${formatMs(p95)} / ${formatMs(p99)}`;

export const printLatencyTable = (results: readonly PipelineResult[]): void => {
  const rows = results.map((result) => [
    `${result.title}\n${formatInt(result.samples)} samples at ${result.ratePerSec}/s${result.lost ? `, ${result.lost} lost *` : ''}`,
    `${figures(result.visible)}\nmax ${formatMs(result.visible.max)}`,
    `${figures(result.append)}`,
    formatRatio(result.budgetUsed),
    verdictText(result.verdict),
  ]);
  const notes = results
    .filter(({ lost }) => lost > 0)
    .map(
      ({ title, lost }) =>
        `* ${title.split('\n')[0]}: ${lost} rows not visible within the timeout (not in the figures)`,
    );
  const title =
    'Append → projection row visible, ms (p50 / p95 / p99; lower is better). Visible = a separate connection sees the row (polled every 1 ms)';
  process.stdout.write(
    `\n${renderTable({
      title,
      head: [
        'pipeline',
        'append → visible',
        'append ack alone',
        'p99 / budget',
        'target',
      ],
      rows,
    })}\n${notes.join('\n')}\n`,
  );
};
