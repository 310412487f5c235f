import type { BacktestReport, LevelOutcomes } from './backtest-risk';
import { RISK_LEVELS, type RiskLevel } from './risk-level';

/** The back-test as plain text for the CLI: a summary, the moves between levels, the outcomes per level, examples. */
export const formatBacktestReport = (report: BacktestReport): string => {
  const versions = Object.entries(report.recordedPolicyVersions).map(([version, count]) => `${version} (${count})`).join(', ');
  const lines = [
    `Back-test of risk policy ${report.candidateVersion} over ${report.changesReplayed} past change${report.changesReplayed === 1 ? '' : 's'}${versions ? `, recorded under ${versions}` : ''}`,
    `${report.changedLevel} of ${report.changesReplayed} would change level${report.notReplayed.length > 0 ? `; ${report.notReplayed.length} could not be replayed (listed at the end)` : ''}.`,
    '',
    'Moves (rows: recorded level, columns: candidate level)',
    ...table(['recorded \\ candidate', ...RISK_LEVELS], RISK_LEVELS.map((from) => [from, ...RISK_LEVELS.map((to) => String(report.moves[from][to]))])),
    '',
    'Outcomes by candidate level',
    ...outcomesTable(report.byCandidateLevel),
    '',
    'Outcomes by recorded level',
    ...outcomesTable(report.byRecordedLevel),
  ];
  if (report.examples.length > 0) {
    lines.push('', `Changes that would move (first ${report.examples.length})`);
    for (const example of report.examples) {
      lines.push(`  ${example.number}  ${example.from} → ${example.to}`);
      for (const fired of example.firedRules) lines.push(`      ${fired.rule} (${fired.level}): ${fired.reason}`);
      if (example.firedRules.length === 0) lines.push('      no rule fired: the questionnaire sets the level');
    }
  }
  if (report.notReplayed.length > 0) {
    lines.push('', `Not replayed (${report.notReplayed.length})`);
    for (const skipped of report.notReplayed) lines.push(`  ${skipped.number}  ${skipped.reason}`);
  }
  return lines.join('\n') + '\n';
};

const outcomesTable = (byLevel: Record<RiskLevel, LevelOutcomes>): string[] =>
  table(
    ['level', 'changes', 'successful', 'with issues', 'failed', 'backed out', 'not completed', 'failure rate', 'incidents caused'],
    RISK_LEVELS.map((level) => {
      const { changes, outcomes, failureRate, causedIncidents } = byLevel[level];
      return [level, changes, outcomes.successful, outcomes['successful-with-issues'], outcomes.failed, outcomes['backed-out'], outcomes.notCompleted, rate(failureRate), causedIncidents].map(String);
    }),
  );

const rate = ({ numerator, denominator }: LevelOutcomes['failureRate']): string =>
  denominator === 0 ? '–' : `${numerator}/${denominator} (${Math.round((numerator / denominator) * 100)}%)`;

/** First column left-aligned, the others right-aligned, two spaces apart. */
const table = (header: string[], rows: string[][]): string[] => {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => '  ' + cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), ...rows.map(line)];
};
