import { doraFigures, median, nearestRank, type Delivery } from './dora-figures';

const day = (n: number, hour = 0) => new Date(Date.UTC(2030, 0, n, hour));
const delivery = (number: string, completedDay: number, outcome = 'successful', raisedDay = completedDay - 1): Delivery => ({
  changeId: number.toLowerCase(),
  number,
  raisedAt: day(raisedDay),
  completedAt: day(completedDay),
  outcome,
});

describe('DORA figures (pure)', () => {
  it('takes the middle value, the mean of the two middle ones for an even count, and p90 by nearest rank', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(nearestRank([], 90)).toBeNull();
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(nearestRank([7], 90)).toBe(7);
  });

  it('counts a failed change once in the failure rate, and never as rework of itself', () => {
    const figures = doraFigures({ from: day(1), to: day(11) }, [delivery('CHG1', 2, 'failed'), delivery('CHG2', 3, 'backed-out')], []);
    expect(figures.changeFailureRate).toMatchObject({ value: 1, numerator: 2, denominator: 2, changes: ['CHG1', 'CHG2'] });
    expect(figures.reworkRate).toMatchObject({ numerator: 1, changes: ['CHG2'], details: [{ change: 'CHG2', after: ['CHG1'] }] });
    expect(figures.deploymentFrequency).toMatchObject({ value: 0.2, perWeek: 1.4, numerator: 2, denominator: 10 });
  });

  it('counts a successful change that caused an incident as failed; its recovery runs from the first incident it caused', () => {
    const figures = doraFigures({ from: day(1), to: day(11) }, [delivery('CHG1', 2)], [
      { changeId: 'chg1', incidentNumber: 'INC2', openedAt: day(2, 6).toISOString(), resolvedAt: day(2, 7).toISOString() },
      { changeId: 'chg1', incidentNumber: 'INC1', openedAt: day(2, 3).toISOString(), resolvedAt: day(2, 9).toISOString() },
    ]);
    expect(figures.changeFailureRate).toMatchObject({ value: 1, changes: ['CHG1'], incidents: ['INC1', 'INC2'] });
    expect(figures.recoveryTime).toMatchObject({ value: 360, numerator: 1, denominator: 1, incidents: ['INC1'] });
  });

  it('counts a change completed exactly 7 days after a failure as rework, and one a minute later not', () => {
    const failed = delivery('CHG1', 2, 'failed');
    const atSeven = { ...delivery('CHG2', 9), completedAt: day(9) };
    const later = { ...delivery('CHG3', 9), completedAt: new Date(day(9).getTime() + 60_000) };
    expect(doraFigures({ from: day(1), to: day(20) }, [failed, atSeven, later], []).reworkRate.changes).toEqual(['CHG2']);
  });
});
