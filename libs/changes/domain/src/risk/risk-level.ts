import { RISK_LEVELS, type RiskLevel } from '@itsm/contracts';

/** Risk levels from the lowest to the highest (the contracts' vocabulary): the order is the one every comparison uses. */
export { RISK_LEVELS, type RiskLevel } from '@itsm/contracts';

export const isRiskLevel = (value: unknown): value is RiskLevel => (RISK_LEVELS as readonly unknown[]).includes(value);

export const riskRank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

/** Negative when `a` is lower than `b`, zero when equal, positive when higher (a sort comparator). */
export const compareRiskLevels = (a: RiskLevel, b: RiskLevel): number => riskRank(a) - riskRank(b);

export const higherOf = (a: RiskLevel, b: RiskLevel): RiskLevel => (riskRank(a) >= riskRank(b) ? a : b);

export const highestOf = (levels: Iterable<RiskLevel>): RiskLevel => {
  let highest: RiskLevel = 'low';
  for (const level of levels) highest = higherOf(highest, level);
  return highest;
};
