import { deciderSpecification, observeDecidedEvents } from '@itsm/event-sourcing';
import { PublishedSchemaValidator } from './published-schema-validator';

const assigned = {
  type: 'IncidentAssigned',
  data: {
    incidentId: '0190a0c4-0000-7000-8000-000000000001',
    assignmentGroup: 'service-desk',
    assignee: null,
    previousAssignmentGroup: null,
    previousAssignee: null,
    state: 'assigned',
    assignedAt: '2026-01-05T09:00:00.000Z',
  },
};

describe('PublishedSchemaValidator', () => {
  const validator = new PublishedSchemaValidator();

  it('accepts an event whose data is its type at the version written today', () => {
    expect(validator.problems(assigned)).toEqual([]);
    expect(() => validator.assertMatches(assigned)).not.toThrow();
  });

  it('refuses the older shape, a missing field, a wrong type, a value outside the enum and an undeclared field', () => {
    const withoutGroup: Record<string, unknown> = { ...assigned.data };
    delete withoutGroup['assignmentGroup'];
    expect(validator.problems({ ...assigned, data: withoutGroup })).toEqual(["(data) must have required property 'assignmentGroup'"]);
    expect(validator.problems({ ...assigned, data: { ...assigned.data, assignee: 7 } })).toEqual(expect.arrayContaining(['/assignee must be string,null']));
    expect(validator.problems({ ...assigned, data: { ...assigned.data, state: 'assgned' } })).toContainEqual(expect.stringMatching(/^\/state must be equal to one of the allowed values/));
    expect(validator.problems({ ...assigned, data: { ...assigned.data, group: 'x' } })).toEqual([
      '(data) must NOT have additional properties: {"additionalProperty":"group"}',
    ]);
    expect(() => validator.assertMatches({ ...assigned, data: { ...assigned.data, group: 'x' } })).toThrow(
      /IncidentAssigned v2 does not match its published JSON Schema/,
    );
  });

  it('accepts an older version checked as that version', () => {
    const v1 = { incidentId: 'i', group: 'g', agent: null, previousGroup: null, previousAgent: null, state: 'assigned', assignedAt: 't' };
    expect(validator.problems({ type: 'IncidentAssigned', data: v1 }, 1)).toEqual([]);
  });

  it('refuses a type with no published schema', () => {
    expect(validator.problems({ type: 'IncidentTeleported', data: {} })).toEqual(['IncidentTeleported has no published schema (libs/contracts/schemas)']);
  });

  it('checks decided events once registered as an observer (the domain projects\' jest setup)', () => {
    const decider = {
      initialState: () => null,
      evolve: (state: null) => state,
      decide: (command: { group: string }) => [{ type: 'IncidentAssigned', data: { ...assigned.data, group: command.group } }],
    };
    const spec = deciderSpecification(decider, expect);
    const stop = observeDecidedEvents((events) => events.forEach((event) => validator.assertMatches(event)));
    try {
      expect(() => spec.given([]).when({ group: 'x' }).thenNothingHappens()).toThrow(/additionalProperty":"group"/);
    } finally {
      stop();
    }
    expect(() => spec.given([]).when({ group: 'x' }).then([{ type: 'IncidentAssigned', data: { ...assigned.data, group: 'x' } }])).not.toThrow();
  });
});
