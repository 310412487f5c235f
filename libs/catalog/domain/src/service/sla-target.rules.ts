import { PRIORITIES, type SlaTargets } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';

const isPositiveWholeMinutes = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Every priority P1–P5 has a target; minutes are positive whole numbers; a response never comes after resolution. */
export const assertValidSlaTargets = (slaTargets: SlaTargets): void => {
  for (const priority of PRIORITIES) {
    const target = slaTargets?.[priority];
    if (target === undefined || target === null) {
      throw new RuleViolation(`SLA targets must cover every priority: ${priority} is missing`);
    }
    for (const field of ['responseMinutes', 'resolutionMinutes'] as const) {
      if (!isPositiveWholeMinutes(target[field])) {
        throw new RuleViolation(`${priority} ${field} must be a positive whole number of minutes`);
      }
    }
    if (target.responseMinutes > target.resolutionMinutes) {
      throw new RuleViolation(
        `${priority} response target (${target.responseMinutes} min) exceeds its resolution target (${target.resolutionMinutes} min)`,
      );
    }
  }
};
