import 'reflect-metadata';
import { IsInt, IsString, MaxLength, validate } from 'class-validator';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

class Named {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Counted extends Named {
  @IsInt()
  count!: number;
}

const propertiesIn = async (object: object) => (await validate(object)).map((error) => error.property).sort();

describe('cacheValidationMetadataLookups', () => {
  beforeAll(() => cacheValidationMetadataLookups());

  it('finds the same rules on every validation, inherited ones included', async () => {
    const invalid = Object.assign(new Counted(), { name: 'too long', count: 1.5 });
    expect(await propertiesIn(invalid)).toEqual(['count', 'name']);
    expect(await propertiesIn(invalid)).toEqual(['count', 'name']);
    expect(await propertiesIn(Object.assign(new Counted(), { name: 'ok', count: 2 }))).toEqual([]);
  });

  it('sees a rule registered after a class was first validated', async () => {
    class Late {
      label!: unknown;
    }
    expect(await propertiesIn(Object.assign(new Late(), { label: 3 }))).toEqual([]);
    IsString()(Late.prototype, 'label');
    expect(await propertiesIn(Object.assign(new Late(), { label: 3 }))).toEqual(['label']);
  });
});
