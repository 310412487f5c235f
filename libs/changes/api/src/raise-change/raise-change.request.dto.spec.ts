import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RaiseChangeRequest } from './raise-change.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(RaiseChangeRequest, body)).flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...(error.children ?? []).flatMap((child) => Object.values(child.constraints ?? {})),
  ]);

const valid = {
  type: 'normal',
  shortDescription: 'Short description of the change',
  description: 'PostgreSQL 15 to 16',
  justification: 'Support ends',
  serviceIds: ['svc-payroll'],
  implementationPlan: 'pg_upgrade',
  backoutPlan: 'Restore the snapshot',
  testPlan: 'Smoke tests',
  plannedStart: '2026-03-10T20:00:00Z',
  plannedEnd: '2026-03-10T22:00:00Z',
  implementer: { group: 'dba-team' },
};

describe('RaiseChangeRequest', () => {
  it('takes a change with a short description of 1 to 160 characters', () => {
    expect(problemsOf(valid)).toEqual([]);
    expect(problemsOf({ ...valid, shortDescription: 'x'.repeat(160) })).toEqual([]);
  });

  it('refuses a missing, empty, too long or NUL-carrying short description, naming the field', () => {
    expect(problemsOf({})).toContain('shortDescription must be a string');
    expect(problemsOf({ ...valid, shortDescription: '' })).toEqual(['shortDescription must be longer than or equal to 1 characters']);
    expect(problemsOf({ ...valid, shortDescription: 'x'.repeat(161) })).toEqual(['shortDescription must be shorter than or equal to 160 characters']);
    expect(problemsOf({ ...valid, shortDescription: 'a\u0000b' })).toEqual(['shortDescription must not contain NUL characters']);
  });

  it('refuses an unknown type, no service, a time that is not RFC 3339 and an implementer without a group', () => {
    expect(problemsOf({ ...valid, type: 'minor' })).toEqual(['type must be one of the following values: standard, normal, emergency']);
    expect(problemsOf({ ...valid, serviceIds: [] })).toEqual(['serviceIds must contain at least 1 elements']);
    expect(problemsOf({ ...valid, plannedStart: 'tomorrow' })).toEqual([expect.stringMatching(/^plannedStart must be an RFC 3339 date-time/)]);
    expect(problemsOf({ ...valid, implementer: {} })).toContain('group must be a string');
  });
});
