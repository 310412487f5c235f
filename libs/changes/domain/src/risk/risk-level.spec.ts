import { compareRiskLevels, higherOf, highestOf, isRiskLevel, RISK_LEVELS, type RiskLevel } from './risk-level';

describe('Risk levels', () => {
  it('run from low to very-high', () => {
    expect([...RISK_LEVELS].sort(compareRiskLevels)).toEqual(['low', 'moderate', 'high', 'very-high']);
  });

  it.each<[RiskLevel, RiskLevel, RiskLevel]>([
    ['low', 'moderate', 'moderate'],
    ['moderate', 'low', 'moderate'],
    ['high', 'very-high', 'very-high'],
    ['very-high', 'high', 'very-high'],
    ['high', 'high', 'high'],
  ])('the higher of %s and %s is %s', (a, b, higher) => {
    expect(higherOf(a, b)).toBe(higher);
  });

  it('the highest of none is low', () => {
    expect(highestOf([])).toBe('low');
  });

  it.each([['low', true], ['very-high', true], ['severe', false], [3, false], [undefined, false]])('knows whether %j is a level', (value, known) => {
    expect(isRiskLevel(value)).toBe(known);
  });
});
