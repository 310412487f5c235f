import type { ChangeType, ServiceCriticality } from './risk-facts';
import type { RiskLevel } from './risk-level';

/**
 * A risk policy is data, not code, so that a policy file can be parsed, named by its version in every assessment
 * event and back-tested against past changes before it is adopted.
 */
export interface RiskPolicy {
  readonly version: string;
  readonly rules: readonly RiskRule[];
  readonly questionnaire: RiskQuestionnaire;
}

export interface RiskRule {
  readonly id: string;
  readonly description: string;
  readonly when: RiskCondition;
  /** The level the rule gives when its condition holds. */
  readonly level: RiskLevel;
}

/** The closed set of conditions a rule can test: one fact, one comparison. */
export type RiskCondition =
  | { readonly fact: 'maxServiceCriticality'; readonly atLeast: ServiceCriticality }
  | { readonly fact: 'dependentServiceCount'; readonly atLeast: number }
  | { readonly fact: 'expectedOutageMinutes'; readonly atLeast: number }
  | { readonly fact: 'outsideMaintenanceWindow'; readonly is: true }
  /** The rate counts only when the implementer has at least `minChanges` completed changes: one failure in one change says little. */
  | { readonly fact: 'implementerFailureRate'; readonly atLeast: number; readonly minChanges: number }
  | { readonly fact: 'changeType'; readonly is: ChangeType };

export type RiskFact = RiskCondition['fact'];

export interface RiskQuestionnaire {
  readonly questions: readonly RiskQuestion[];
  /** The least weighted sum of scores that reaches each level; below `moderate` the questionnaire gives low. */
  readonly thresholds: { readonly moderate: number; readonly high: number; readonly 'very-high': number };
}

export interface RiskQuestion {
  readonly id: string;
  readonly text: string;
  readonly weight: number;
  readonly answers: readonly RiskAnswer[];
}

export interface RiskAnswer {
  readonly id: string;
  readonly text: string;
  readonly score: number;
}
