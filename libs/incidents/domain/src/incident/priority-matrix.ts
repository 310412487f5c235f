import { IMPACT_LEVELS, PRIORITIES, type Impact, type Priority, type Urgency } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';

/** Priority for each impact (rows) × urgency (columns), 1 = high; configured per installation. */
export type PriorityMatrix = Readonly<Record<Impact, Readonly<Record<Urgency, Priority>>>>;

/** The usual ITIL matrix: the sum of impact and urgency decides (1×1 → P1 … 3×3 → P5). */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = Object.freeze({
  1: Object.freeze({ 1: 'P1', 2: 'P2', 3: 'P3' }),
  2: Object.freeze({ 1: 'P2', 2: 'P3', 3: 'P4' }),
  3: Object.freeze({ 1: 'P3', 2: 'P4', 3: 'P5' }),
} as const);

const isLevel = (value: unknown): value is Impact => (IMPACT_LEVELS as readonly unknown[]).includes(value);

export function assertImpactAndUrgency(impact: unknown, urgency: unknown): asserts impact is Impact {
  if (!isLevel(impact)) throw new RuleViolation(`Impact must be 1, 2 or 3 (got ${JSON.stringify(impact)})`);
  if (!isLevel(urgency)) throw new RuleViolation(`Urgency must be 1, 2 or 3 (got ${JSON.stringify(urgency)})`);
}

/** A configured matrix must give a priority for all nine pairs: an incident never goes without one. */
export const assertValidPriorityMatrix = (matrix: PriorityMatrix): void => {
  for (const impact of IMPACT_LEVELS) {
    for (const urgency of IMPACT_LEVELS) {
      const priority: unknown = matrix?.[impact]?.[urgency];
      if (!(PRIORITIES as readonly unknown[]).includes(priority)) {
        throw new RuleViolation(
          `The priority matrix gives no valid priority for impact ${impact} × urgency ${urgency} (got ${JSON.stringify(priority)})`,
        );
      }
    }
  }
};

export const priorityOf = (matrix: PriorityMatrix, impact: Impact, urgency: Urgency): Priority => {
  assertImpactAndUrgency(impact, urgency);
  assertValidPriorityMatrix(matrix);
  return matrix[impact][urgency];
};
