import { backtestRisk } from './backtest-risk';
import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import { formatBacktestReport } from './format-backtest-report';
import { answers, facts, pastChange, policyWith } from './risk.builders';

describe('The back-test report as text', () => {
  const candidate = policyWith({ version: 'candidate-1', rules: DEFAULT_RISK_POLICY.rules.map((r) => (r.id === 'outage' ? { ...r, level: 'high' } : r)) });
  const text = formatBacktestReport(
    backtestRisk(
      [
        pastChange({ number: 'CHG0000001', facts: facts({ expectedOutageMinutes: 15 }), recordedLevel: 'moderate', outcome: 'failed', causedIncidents: 3 }),
        pastChange({ number: 'CHG0000002', recordedLevel: 'low', outcome: 'successful' }),
        pastChange({ number: 'CHG0000003', recordedLevel: 'low', outcome: null }),
        pastChange({ number: 'CHG0000004', answers: { ...answers(), tested: 'perhaps' } }),
      ],
      candidate,
    ),
  );
  const lines = text.split('\n');

  it('opens with the candidate, the number replayed, the recorded versions and how many would move', () => {
    expect(lines.slice(0, 2)).toEqual(['Back-test of risk policy candidate-1 over 3 past changes, recorded under 2026-12.1 (3)', '1 of 3 would change level; 1 could not be replayed (listed at the end).']);
  });

  it('draws the moves as a matrix with aligned columns', () => {
    const start = lines.indexOf('Moves (rows: recorded level, columns: candidate level)');
    expect(lines.slice(start + 1, start + 6)).toEqual([
      '  recorded \\ candidate  low  moderate  high  very-high',
      '  low                     2         0     0          0',
      '  moderate                0         0     1          0',
      '  high                    0         0     0          0',
      '  very-high               0         0     0          0',
    ]);
  });

  it('shows outcomes per level with a failure rate over completed changes, and a dash when none completed', () => {
    const start = lines.indexOf('Outcomes by candidate level');
    expect(lines[start + 1]).toBe('  level      changes  successful  with issues  failed  backed out  not completed  failure rate  incidents caused');
    expect(lines[start + 2]).toBe('  low              2           1            0       0           0              1      0/1 (0%)                 0');
    expect(lines[start + 3]).toMatch(/^ {2}moderate +0( +0){5} +– +0$/);
    expect(lines[start + 4]).toMatch(/1\/1 \(100%\) +3$/);
  });

  it('lists the changes that would move, with the reasons of the rules that fired', () => {
    expect(text).toContain('Changes that would move (first 1)\n  CHG0000001  moderate → high\n      outage (high): Expected outage is 15 minutes (≥ 1)\n');
  });

  it('lists the changes it could not replay, with why', () => {
    expect(text).toContain('Not replayed (1)\n  CHG0000004  Unknown risk questionnaire answer: "perhaps" to "tested"\n');
  });
});
