import { matchesExpectedRevision, WrongExpectedRevisionError } from './expected-revision';

describe('expected revision', () => {
  it.each([
    ['any', -1, true],
    ['any', 5, true],
    ['no-stream', -1, true],
    ['no-stream', 0, false],
    ['stream-exists', -1, false],
    ['stream-exists', 0, true],
    [3, 3, true],
    [3, 4, false],
  ] as const)('expecting %s when the stream is at %s → %s', (expected, current, matches) => {
    expect(matchesExpectedRevision(expected, current)).toBe(matches);
  });

  it('names the stream and both revisions in the conflict', () => {
    const error = new WrongExpectedRevisionError('incident-x', 2, 4);
    expect(error.message).toBe('Stream "incident-x" is at revision 4, expected 2');
    expect(error).toMatchObject({ streamId: 'incident-x', expected: 2, actual: 4 });
  });
});
