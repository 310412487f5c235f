import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OpenCostCenterRequest } from './open-cost-center.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(OpenCostCenterRequest, body)).flatMap((error) => Object.values(error.constraints ?? {}));

const valid = { code: 'IT-OPS', name: 'Name of the cost center', currency: 'EUR' };

describe('OpenCostCenterRequest', () => {
  it('takes a code, a name of 1 to 160 characters, a currency and an optional parent', () => {
    expect(problemsOf(valid)).toEqual([]);
    expect(problemsOf({ ...valid, name: 'x'.repeat(160) })).toEqual([]);
    expect(problemsOf({ ...valid, parentId: '0190f3a4-1111-7222-8333-944445555666' })).toEqual([]);
    expect(problemsOf({ ...valid, parentId: null })).toEqual([]);
  });

  it('refuses a missing, empty, too long or NUL-carrying name, naming the field', () => {
    expect(problemsOf({ ...valid, name: undefined })).toContain('name must be a string');
    expect(problemsOf({ ...valid, name: '' })).toEqual(['name must be longer than or equal to 1 characters']);
    expect(problemsOf({ ...valid, name: 'x'.repeat(161) })).toEqual(['name must be shorter than or equal to 160 characters']);
    expect(problemsOf({ ...valid, name: 'a\u0000b' })).toEqual(['name must not contain NUL characters']);
  });

  it('refuses a malformed code, an unknown currency and a parent that is no uuid', () => {
    expect(problemsOf({ ...valid, code: 'IT OPS' })).toEqual(['code must be a letter or digit, then up to 31 letters, digits, ".", "_" or "-"']);
    expect(problemsOf({ ...valid, currency: 'EURO' })).toEqual(['currency must be an ISO 4217 currency code such as EUR']);
    expect(problemsOf({ ...valid, parentId: 'cc-1' })).toEqual(['parentId must be a UUID']);
  });
});
