import type { PeriodComputation } from '@itsm/finance-domain';
import { RecentRunComputations } from './recent-run-computations';

const computation = (label: string) => ({ period: label }) as unknown as PeriodComputation;
const run = (period: string, runNumber: number, logPosition: number) => ({ period, runNumber, inputs: { logPosition } }) as Parameters<RecentRunComputations['remember']>[0];

describe('RecentRunComputations: a run’s computation, recalled only for that very run', () => {
  it('recalls the computation of the same period, run number and log position; nothing for another run', () => {
    const recent = new RecentRunComputations();
    const march = computation('march run 2');
    recent.remember(run('2026-03', 2, 140), march, 'inputs-a');
    expect(recent.recall(run('2026-03', 2, 140))).toBe(march);
    expect([recent.recall(run('2026-03', 3, 150)), recent.recall(run('2026-03', 2, 141)), recent.recall(run('2026-04', 2, 140))]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps one computation per period (the latest) and at most twelve periods', () => {
    const recent = new RecentRunComputations();
    recent.remember(run('2026-03', 1, 10), computation('first'), 'inputs-a');
    recent.remember(run('2026-03', 2, 20), computation('second'), 'inputs-b');
    expect(recent.recall(run('2026-03', 1, 10))).toBeUndefined();
    for (let month = 1; month <= 12; month++) recent.remember(run(`2025-${String(month).padStart(2, '0')}`, 1, month), computation(`2025-${month}`), 'inputs-c');
    expect(recent.recall(run('2026-03', 2, 20))).toBeUndefined();
    expect(recent.recall(run('2025-01', 1, 1))).toEqual(computation('2025-1'));
  });

  it('gives a run the period’s latest computation when it was computed from inputs of the same fingerprint, and only then', () => {
    const recent = new RecentRunComputations();
    const march = computation('march run 1');
    recent.remember(run('2026-03', 1, 10), march, 'inputs-a');
    expect(recent.computedFrom('2026-03', 'inputs-a')).toBe(march);
    expect([recent.computedFrom('2026-03', 'inputs-b'), recent.computedFrom('2026-04', 'inputs-a')]).toEqual([undefined, undefined]);
    recent.remember(run('2026-03', 2, 20), computation('march run 2'), 'inputs-b');
    expect(recent.computedFrom('2026-03', 'inputs-a')).toBeUndefined();
  });
});
