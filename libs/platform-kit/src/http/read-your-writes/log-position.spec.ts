import type { Response } from 'express';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { InvalidCursor, ReadModelBehind } from '@itsm/projections';
import { ProblemException } from '../problems/problem';
import { cursorProblemOf } from './invalid-cursor.problem';
import { announceWrite, parseWaitForPosition, readAfter } from './log-position';

const headersOf = (events: Partial<RecordedEvent>[], location?: string): Record<string, string> => {
  const headers: Record<string, string> = {};
  announceWrite({ setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response, events as RecordedEvent[], location);
  return headers;
};

const problemOf = (thrower: () => unknown): ProblemException => {
  try {
    thrower();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('read-your-writes headers', () => {
  it('announce the log position of the last event appended, and the Location of a creation', () => {
    expect(headersOf([{ globalPosition: 7 }, { globalPosition: 9 }], '/api/v1/things/1')).toEqual({ 'X-Log-Position': '9', Location: '/api/v1/things/1' });
    expect(headersOf([])).toEqual({});
  });

  it('read X-Wait-For-Position as a log position', () => {
    expect([parseWaitForPosition(undefined), parseWaitForPosition('0'), parseWaitForPosition('123456789012345')]).toEqual([undefined, 0, 123456789012345]);
  });

  it.each([['soon'], ['-1'], ['1.5'], [' 3'], ['1e3'], ['1234567890123456'], [''], [['1', '2']]])('refuse %p with a 400 naming the header', (value) => {
    const problem = problemOf(() => parseWaitForPosition(value));
    expect(problem.problem).toMatchObject({ status: 400, type: 'urn:itsm:problem:validation', errors: [{ field: 'X-Wait-For-Position' }] });
  });
});

describe('readAfter', () => {
  it('waits for the named position, and not at all without one', async () => {
    const waited: number[] = [];
    await readAfter(undefined, async (position) => void waited.push(position));
    await readAfter(12, async (position) => void waited.push(position));
    expect(waited).toEqual([12]);
  });

  it('serves the read as it is when the read model stays behind, and lets other failures through', async () => {
    await expect(readAfter(12, () => Promise.reject(new ReadModelBehind('things', 12, 3)))).resolves.toBeUndefined();
    await expect(readAfter(12, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
  });
});

describe('cursorProblemOf', () => {
  it('answers a refused cursor as a 400 on the cursor field and passes other errors on', () => {
    const problem = cursorProblemOf(new InvalidCursor());
    expect(problem).toBeInstanceOf(ProblemException);
    expect((problem as ProblemException).problem).toMatchObject({ status: 400, errors: [{ field: 'cursor' }] });
    const other = new Error('other');
    expect(cursorProblemOf(other)).toBe(other);
  });
});
