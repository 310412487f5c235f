import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OpenCostCenterRequest } from './open-cost-center.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(OpenCostCenterRequest, body)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('OpenCostCenterRequest', () => {
  it('takes a name of 1 to 160 characters', () => {
    expect(problemsOf({ name: 'Name of the cost center' })).toEqual([]);
    expect(problemsOf({ name: 'x'.repeat(160) })).toEqual([]);
  });

  it('refuses a missing, empty, too long or NUL-carrying name, naming the field', () => {
    expect(problemsOf({})).toContain('name must be a string');
    expect(problemsOf({ name: '' })).toEqual(['name must be longer than or equal to 1 characters']);
    expect(problemsOf({ name: 'x'.repeat(161) })).toEqual(['name must be shorter than or equal to 160 characters']);
    expect(problemsOf({ name: 'a\u0000b' })).toEqual(['name must not contain NUL characters']);
  });
});
