import 'reflect-metadata';
import { createValidationPipe, ProblemException, type FieldError } from '@itsm/platform-kit';
import { SetMaintenanceWindowsRequest } from './set-maintenance-windows.request.dto';

/** What the gateway's ValidationPipe answers for a body: the DTO, or the 400 problem's per-field errors. */
const validate = async (body: unknown): Promise<{ status: 200 | 400; errors: FieldError[] }> => {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: SetMaintenanceWindowsRequest });
    return { status: 200, errors: [] };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.problem.status as 400, errors: error.problem.errors ?? [] };
  }
};
const fieldsOf = async (body: unknown) => {
  const answer = await validate(body);
  return [answer.status, [...new Set(answer.errors.map((error) => error.field))].sort()];
};

const valid = { timeZone: 'Europe/Berlin', windows: [{ day: 'sat', from: '22:00', to: '06:00' }] };

describe('SetMaintenanceWindowsRequest', () => {
  it.each([
    ['a window crossing midnight', valid],
    ['a window ending at 24:00', { ...valid, windows: [{ day: 'sun', from: '00:00', to: '24:00' }] }],
    ['no windows (none)', { ...valid, windows: [] }],
    ['UTC', { ...valid, timeZone: 'UTC' }],
  ])('takes %s', async (_case, body) => {
    expect(await validate(body)).toEqual({ status: 200, errors: [] });
  });

  it.each([
    ['9:00', 'windows[0].from'],
    ['24:00', 'windows[0].from'],
    ['12:60', 'windows[0].from'],
    ['noon', 'windows[0].from'],
  ])('refuses the start %p, naming the field', async (from, field) => {
    expect(await fieldsOf({ ...valid, windows: [{ day: 'sat', from, to: '06:00' }] })).toEqual([400, [field]]);
  });

  it.each(['24:01', '25:00', '6:00', '06:00:00'])('refuses the end %p', async (to) => {
    expect(await fieldsOf({ ...valid, windows: [{ day: 'sat', from: '22:00', to }] })).toEqual([400, ['windows[0].to']]);
  });

  it.each(['saturday', 'Sat', '', 6])('refuses the day %p', async (day) => {
    expect(await fieldsOf({ ...valid, windows: [valid.windows[0], { day, from: '22:00', to: '06:00' }] })).toEqual([400, ['windows[1].day']]);
  });

  it.each(['Mars/Olympus', 'Berlin', '+01:00', '', null, 42])('refuses the time zone %p', async (timeZone) => {
    expect(await fieldsOf({ ...valid, timeZone })).toEqual([400, ['timeZone']]);
  });

  it('refuses unknown fields, in the body and in a window', async () => {
    expect(await fieldsOf({ ...valid, colour: 'red' })).toEqual([400, ['colour']]);
    expect(await fieldsOf({ ...valid, windows: [{ ...valid.windows[0], note: 'x' }] })).toEqual([400, ['windows[0].note']]);
  });

  it('refuses a missing or malformed list, and every bad field at once', async () => {
    expect(await fieldsOf({ timeZone: 'UTC' })).toEqual([400, ['windows']]);
    expect(await fieldsOf({ ...valid, windows: 'sat 22-06' })).toEqual([400, ['windows']]);
    expect(await fieldsOf({ ...valid, windows: ['sat'] })).toEqual([400, ['windows', 'windows[0]']]);
    expect(await fieldsOf({ timeZone: 'Nowhere', windows: [{ day: 'fun', from: '9', to: '5' }], extra: 1 })).toEqual([
      400,
      ['extra', 'timeZone', 'windows[0].day', 'windows[0].from', 'windows[0].to'],
    ]);
    const { errors } = await validate({ ...valid, windows: [{ day: 'sat', from: '22:00' }] });
    expect(errors).toContainEqual({ field: 'windows[0].to', message: 'to is required' });
  });
});
