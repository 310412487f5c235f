import { RuleViolation } from '@itsm/event-sourcing';
import { DEFAULT_INCIDENT_POLICY } from './incident-policy';
import { assertValidPriorityMatrix, DEFAULT_PRIORITY_MATRIX, priorityOf, type PriorityMatrix } from './priority-matrix';

describe('priority matrix', () => {
  it.each([
    [1, 1, 'P1'],
    [1, 2, 'P2'],
    [2, 1, 'P2'],
    [1, 3, 'P3'],
    [2, 2, 'P3'],
    [3, 1, 'P3'],
    [2, 3, 'P4'],
    [3, 2, 'P4'],
    [3, 3, 'P5'],
  ] as const)('by default gives impact %i × urgency %i → %s', (impact, urgency, priority) => {
    expect(priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
  });

  it('reads a configured matrix, keys as numbers or as JSON strings', () => {
    const fromJson = JSON.parse('{"1":{"1":"P1","2":"P1","3":"P2"},"2":{"1":"P2","2":"P3","3":"P3"},"3":{"1":"P4","2":"P5","3":"P5"}}') as PriorityMatrix;
    expect(priorityOf(fromJson, 1, 2)).toBe('P1');
    expect(priorityOf(fromJson, 3, 1)).toBe('P4');
  });

  it('refuses a matrix with an unknown priority', () => {
    const wrong = { ...DEFAULT_PRIORITY_MATRIX, 2: { 1: 'P2', 2: 'P9', 3: 'P4' } } as unknown as PriorityMatrix;
    expect(() => assertValidPriorityMatrix(wrong)).toThrow(RuleViolation);
    expect(() => assertValidPriorityMatrix(wrong)).toThrow(/impact 2 × urgency 2 \(got "P9"\)/);
  });

  it('refuses a matrix without a row', () => {
    const partial = { 1: DEFAULT_PRIORITY_MATRIX[1], 2: DEFAULT_PRIORITY_MATRIX[2] } as unknown as PriorityMatrix;
    expect(() => assertValidPriorityMatrix(partial)).toThrow(/impact 3 × urgency 1/);
  });

  it('refuses impact and urgency outside 1–3', () => {
    expect(() => priorityOf(DEFAULT_PRIORITY_MATRIX, 0 as never, 1)).toThrow(/Impact must be 1, 2 or 3 \(got 0\)/);
    expect(() => priorityOf(DEFAULT_PRIORITY_MATRIX, 1, 4 as never)).toThrow(/Urgency must be 1, 2 or 3 \(got 4\)/);
  });

  it('is part of the default policy, with a 7-day reopen window and three escalation levels', () => {
    expect(DEFAULT_INCIDENT_POLICY).toEqual({ priorityMatrix: DEFAULT_PRIORITY_MATRIX, reopenWindowDays: 7, maxEscalationLevel: 3 });
  });
});
