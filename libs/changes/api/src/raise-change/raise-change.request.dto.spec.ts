import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RaiseChangeRequest } from './raise-change.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(RaiseChangeRequest, body)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('RaiseChangeRequest', () => {
  it('takes a short description of 1 to 160 characters', () => {
    expect(problemsOf({ shortDescription: 'Short description of the change' })).toEqual([]);
    expect(problemsOf({ shortDescription: 'x'.repeat(160) })).toEqual([]);
  });

  it('refuses a missing, empty, too long or NUL-carrying short description, naming the field', () => {
    expect(problemsOf({})).toContain('shortDescription must be a string');
    expect(problemsOf({ shortDescription: '' })).toEqual(['shortDescription must be longer than or equal to 1 characters']);
    expect(problemsOf({ shortDescription: 'x'.repeat(161) })).toEqual(['shortDescription must be shorter than or equal to 160 characters']);
    expect(problemsOf({ shortDescription: 'a\u0000b' })).toEqual(['shortDescription must not contain NUL characters']);
  });
});
