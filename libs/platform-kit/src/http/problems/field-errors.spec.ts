import { IsDefined, IsString, Matches, ValidateIf, validateSync } from 'class-validator';
import { fieldErrorsOf, WHEN_MISSING } from './field-errors';

class OneOfTwo {
  @ValidateIf((body: OneOfTwo) => body.code === undefined)
  @IsDefined({ message: 'name or code is required', context: WHEN_MISSING })
  @Matches(/^A\d+$/)
  name?: string;

  @ValidateIf((body: OneOfTwo) => body.code !== undefined)
  @IsString()
  code?: string;

  @IsString()
  label!: string;
}

const errorsOf = (body: object) => fieldErrorsOf(validateSync(Object.assign(new OneOfTwo(), body), { validationError: { target: false, value: true } }));

describe('fieldErrorsOf', () => {
  it('names a missing field as required, once', () => {
    expect(errorsOf({ name: 'A1' })).toEqual([{ field: 'label', message: 'label is required' }]);
  });

  it('keeps the words of a rule written for the missing value (context WHEN_MISSING)', () => {
    expect(errorsOf({ label: 'x' })).toEqual([{ field: 'name', message: 'name or code is required' }]);
  });

  it('says what is wrong with a value that is there, in each rule’s words', () => {
    expect(errorsOf({ name: 'B1', label: 7 })).toEqual([
      { field: 'name', message: 'name must match /^A\\d+$/ regular expression' },
      { field: 'label', message: 'label must be a string' },
    ]);
  });
});
