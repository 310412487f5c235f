import { GENESIS_HASH, newId, type RecordedEvent } from '@itsm/event-sourcing';
import { sealEvents } from '@itsm/event-store';
import { LogVerifier } from './log-verifier';

const at = new Date('2026-11-02T08:00:00.000Z');
const eventsOf = (streamId: string, count: number, firstPosition: number, step = 2): RecordedEvent[] =>
  sealEvents(
    streamId,
    Array.from({ length: count }, (_, index) => ({ type: 'Noted', data: { index }, metadata: { actor: { id: 'ops', role: 'admin', via: 'spec' }, correlationId: newId() } })),
    -1,
    GENESIS_HASH,
    at,
  ).map((event, index) => ({ ...event, globalPosition: firstPosition + index * step }));

/** Two streams interleaved in global order, as a log holds them. */
const interleavedLog = (): RecordedEvent[] =>
  [...eventsOf('incident-a', 3, 1), ...eventsOf('incident-b', 3, 2)].sort((x, y) => x.globalPosition - y.globalPosition);

const verify = (log: readonly RecordedEvent[]) => {
  const verifier = new LogVerifier();
  for (const event of log) if (verifier.check(event)) break;
  return { failure: verifier.firstFailure, figures: verifier.figures() };
};

describe('LogVerifier: hash chains and global order of a log read in order', () => {
  it('accepts an intact log and counts its events and streams (gaps in positions are allowed)', () => {
    const gapped = eventsOf('incident-c', 3, 10, 7);

    expect(verify(interleavedLog())).toEqual({ failure: null, figures: { events: 6, streams: 2, lastPosition: 6 } });
    expect(verify(gapped)).toEqual({ failure: null, figures: { events: 3, streams: 1, lastPosition: 24 } });
  });

  it('names the first altered event by position and stream', () => {
    const log = interleavedLog();
    log[3] = { ...log[3], data: { index: 99 } };

    expect(verify(log).failure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 4, streamId: 'incident-b', streamRevision: 1 });
  });

  it('finds an event removed from a stream', () => {
    const log = interleavedLog().filter((event) => event.globalPosition !== 3);

    expect(verify(log).failure).toMatchObject({ reason: 'revision-gap', globalPosition: 5, streamId: 'incident-a', expected: '1', actual: '2' });
  });

  it('finds a position repeated or going backwards', () => {
    const log = interleavedLog();
    const repeated = [...log.slice(0, 4), { ...log[4], globalPosition: 4 }];

    expect(verify(repeated).failure).toMatchObject({ reason: 'position-out-of-order', globalPosition: 4, expected: '> 4', actual: '4' });
  });
});
