import type { IncidentStateName } from '@itsm/contracts';
import { IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { Incident, IncidentLifecycle, OpenedIncident } from './state';

/** An incident known to be in one of the states `S`, with the details those states carry. */
export type IncidentIn<S extends IncidentStateName> = OpenedIncident & { lifecycle: Extract<IncidentLifecycle, { state: S }> };

/* Guard clauses the use cases open with: each throws the typed refusal with the reason the API shows. */

export const opened = (incident: Incident): OpenedIncident => {
  if (incident.status === 'unopened') throw new IllegalTransition('The incident has not been opened');
  return incident;
};

/** The incident must be in one of `allowed` for `action` (worded as "cannot <action>"). */
export const inStates = <S extends IncidentStateName>(
  incident: Incident,
  allowed: readonly S[],
  action: string,
): IncidentIn<S> => {
  const current = opened(incident);
  const state = current.lifecycle.state;
  if (!(allowed as readonly IncidentStateName[]).includes(state)) {
    throw new IllegalTransition(`Incident ${current.number} is ${state}: cannot ${action} (only when ${allowed.join(', ')})`);
  }
  return current as IncidentIn<S>;
};

export const requireText = (value: unknown, what: string, maxLength = 4000): string => {
  if (typeof value !== 'string' || value.trim() === '') throw new RuleViolation(`${what} must not be blank`);
  if (value.length > maxLength) throw new RuleViolation(`${what} must be at most ${maxLength} characters`);
  return value;
};

export const requireOneOf = <T>(value: unknown, allowed: readonly T[], what: string): T => {
  if (!allowed.includes(value as T)) {
    throw new RuleViolation(`${what} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
};

export const requirePositiveWholeNumber = (value: unknown, what: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new RuleViolation(`${what} must be a positive whole number (got ${JSON.stringify(value)})`);
  }
  return value;
};
