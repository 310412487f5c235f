import type { QuestionnaireAnswers, RiskFacts } from './risk-facts';

export interface RiskInputs {
  readonly facts: RiskFacts;
  readonly answers: QuestionnaireAnswers;
}

/**
 * Which inputs of the assessment differ (`expectedOutageMinutes`, `answers.tested`): an edit is material to the risk
 * when this is not empty, and the re-assessment can say what prompted it. The order of the services does not matter.
 */
export const changedRiskInputs = (before: RiskInputs, after: RiskInputs): string[] => {
  const a = before.facts;
  const b = after.facts;
  const changed: string[] = [];
  if (a.changeType !== b.changeType) changed.push('changeType');
  if ([...a.serviceCriticalities].sort().join() !== [...b.serviceCriticalities].sort().join()) changed.push('serviceCriticalities');
  if (a.dependentServiceCount !== b.dependentServiceCount) changed.push('dependentServiceCount');
  if (a.expectedOutageMinutes !== b.expectedOutageMinutes) changed.push('expectedOutageMinutes');
  if (a.outsideMaintenanceWindow !== b.outsideMaintenanceWindow) changed.push('outsideMaintenanceWindow');
  const rateA = a.implementerRecentFailureRate;
  const rateB = b.implementerRecentFailureRate;
  if (rateA.failed !== rateB.failed || rateA.total !== rateB.total) changed.push('implementerRecentFailureRate');
  const questions = [...new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])].sort();
  for (const question of questions) if (before.answers[question] !== after.answers[question]) changed.push(`answers.${question}`);
  return changed;
};
