import { assertNever } from '@itsm/event-sourcing';
import { criticalityRank, maxServiceCriticality, type RiskFacts } from './risk-facts';
import type { RiskCondition } from './risk-policy';

/**
 * Why the condition holds for these facts, as a sentence with the actual value (it goes into the assessment
 * event and in front of the CAB); undefined when it does not hold.
 */
export const reasonIfHolds = (when: RiskCondition, facts: RiskFacts): string | undefined => {
  switch (when.fact) {
    case 'maxServiceCriticality': {
      const highest = maxServiceCriticality(facts.serviceCriticalities);
      if (highest === undefined || criticalityRank(highest) < criticalityRank(when.atLeast)) return undefined;
      const count = facts.serviceCriticalities.length;
      return count === 1
        ? `Service criticality is ${highest} (≥ ${when.atLeast})`
        : `The most critical of ${count} services is ${highest} (≥ ${when.atLeast})`;
    }
    case 'dependentServiceCount': {
      const count = facts.dependentServiceCount;
      if (count < when.atLeast) return undefined;
      return `${count} ${count === 1 ? 'service depends' : 'services depend'} on the changed services (≥ ${when.atLeast})`;
    }
    case 'expectedOutageMinutes': {
      const minutes = facts.expectedOutageMinutes;
      return minutes >= when.atLeast ? `Expected outage is ${minutes} minute${minutes === 1 ? '' : 's'} (≥ ${when.atLeast})` : undefined;
    }
    case 'outsideMaintenanceWindow':
      return facts.outsideMaintenanceWindow ? "The change window is outside the service's maintenance window" : undefined;
    case 'implementerFailureRate': {
      const { failed, total } = facts.implementerRecentFailureRate;
      // A division, not failed >= atLeast * total: 0.3 * 10 is 3.0000000000000004 in floating point.
      if (total < when.minChanges || failed / total < when.atLeast) return undefined;
      return `The implementer failed ${failed} of ${total} recent changes (${percent(failed / total)} ≥ ${percent(when.atLeast)}, over ≥ ${when.minChanges} changes)`;
    }
    case 'changeType':
      return facts.changeType === when.is ? `The change is ${article(when.is)} ${when.is} change` : undefined;
    default:
      return assertNever(when);
  }
};

const percent = (ratio: number): string => `${Math.round(ratio * 1000) / 10}%`;

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');
