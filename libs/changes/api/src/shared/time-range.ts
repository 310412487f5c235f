import { validationProblem } from '@itsm/platform-kit';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `from` and `to` of a query (each already checked as an RFC 3339 instant by `IsInstant`): `to` after `from`, and at
 * most `maxDays` apart when both are given; else a 400 naming `to`.
 */
export const timeRangeOf = (from: string | undefined, to: string | undefined, maxDays: number): { from?: Date; to?: Date } => {
  const range = { ...(from === undefined ? {} : { from: new Date(from) }), ...(to === undefined ? {} : { to: new Date(to) }) };
  if (range.from && range.to) {
    if (range.to.getTime() <= range.from.getTime()) throw validationProblem([{ field: 'to', message: 'to must be after from' }]);
    if (range.to.getTime() - range.from.getTime() > maxDays * DAY_MS) {
      throw validationProblem([{ field: 'to', message: `to must be at most ${maxDays} days after from` }]);
    }
  }
  return range;
};
