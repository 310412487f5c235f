import { computeEventHash, GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';
import { eventLeafHash } from '../events/event-hashing';
import { CompactRange } from '../merkle/compact-range';
import { AuditLogVerifier, type TreeHead } from './audit-log-verifier';

const at = '2026-11-02T08:00:00.000Z';

/** A log of `streams` streams written round-robin, each event chained as the store chains it. */
const logOf = (events: number, streams = 3, firstPosition = 1, step = 1): RecordedEvent[] => {
  const heads = new Map<string, { revision: number; hash: string }>();
  return Array.from({ length: events }, (_, index) => {
    const streamId = `incident-${index % streams}`;
    const head = heads.get(streamId);
    const event: RecordedEvent = {
      eventId: `00000000-0000-7000-8000-${String(index).padStart(12, '0')}`,
      type: 'Noted',
      schemaVersion: 1,
      streamId,
      streamRevision: head ? head.revision + 1 : 0,
      globalPosition: firstPosition + index * step,
      occurredAt: at,
      recordedAt: at,
      actor: { id: 'ops' },
      correlationId: `c${index}`,
      causationId: null,
      traceparent: null,
      data: { index },
      hash: '',
    };
    event.hash = computeEventHash(head?.hash ?? GENESIS_HASH, event);
    heads.set(streamId, { revision: event.streamRevision, hash: event.hash });
    return event;
  });
};

/** Recomputes every later event of a stream's chain, as an attacker with database access would. */
const rechained = (log: RecordedEvent[]): RecordedEvent[] => {
  const heads = new Map<string, string>();
  return log.map((event) => {
    const hash = computeEventHash(heads.get(event.streamId) ?? GENESIS_HASH, event);
    heads.set(event.streamId, hash);
    return { ...event, hash };
  });
};

const headsOf = (log: readonly RecordedEvent[], sizes: number[]): TreeHead[] =>
  sizes.map((size) => {
    const tree = CompactRange.empty();
    log.slice(0, size).forEach((event) => tree.append(eventLeafHash(event)));
    return { treeSize: size, rootHash: tree.root(), lastPosition: log[size - 1].globalPosition };
  });

const verify = (log: readonly RecordedEvent[], checkpoints: TreeHead[] = [], recorded: readonly RecordedEvent[] = []) => {
  const verifier = new AuditLogVerifier(checkpoints);
  log.forEach((event, index) => verifier.check(event, recorded[index] ? eventLeafHash(recorded[index]) : undefined));
  return { failure: verifier.finish(), figures: verifier.figures() };
};

describe('AuditLogVerifier', () => {
  const original = logOf(30);
  const checkpoints = headsOf(original, [10, 20, 30]);

  it('accepts an intact log with its checkpoints and records the tree it saw', () => {
    const { failure, figures } = verify(original, checkpoints, original);
    expect(failure).toBeNull();
    expect(figures).toMatchObject({ events: 30, streams: 3, lastPosition: 30, treeSize: 30, checkpointsChecked: 3, rootHash: checkpoints[2].rootHash.toString('hex') });
  });

  it('names the position of an event whose data was changed', () => {
    const log = original.map((event) => (event.globalPosition === 14 ? { ...event, data: { index: 99 } } : event));
    expect(verify(log, checkpoints).failure).toMatchObject({ reason: 'hash-mismatch', globalPosition: 14, streamId: 'incident-1', streamRevision: 4 });
  });

  it('finds a rewrite whose chain was recomputed at the first checkpoint after it, or at its leaf when the tree is at hand', () => {
    const log = rechained(original.map((event) => (event.globalPosition === 14 ? { ...event, data: { index: 99 } } : event)));
    expect(verify(log, checkpoints).failure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 20 });
    expect(verify(log, checkpoints, original).failure).toMatchObject({ reason: 'leaf-not-recorded', globalPosition: 14 });
  });

  it('finds the last events of a stream deleted and written again with a recomputed chain', () => {
    const stream = 'incident-2';
    const kept = original.filter((event) => !(event.streamId === stream && event.streamRevision >= 8));
    const replacements = original
      .filter((event) => event.streamId === stream && event.streamRevision >= 8)
      .map((event, index) => ({ ...event, data: { forged: true }, globalPosition: 31 + index }));
    const log = rechained([...kept, ...replacements]);
    expect(verify(log.slice(0, kept.length)).failure).toBeNull();
    expect(verify(log, checkpoints).failure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 32 });
  });

  it('finds a deleted tail against the checkpoint that covered it', () => {
    expect(verify(original.slice(0, 27), checkpoints).failure).toMatchObject({ reason: 'log-shorter-than-checkpoint', globalPosition: 30, expected: '30 events', actual: '27 events' });
  });

  it('finds an event inserted in the middle, in a gap of positions (a new stream, its chain valid on its own)', () => {
    const gapped = logOf(30, 3, 2, 2);
    const forged = rechained([{ ...logOf(1)[0], streamId: 'incident-new', eventId: 'inserted', globalPosition: 11 }])[0];
    const log = [...gapped.slice(0, 5), forged, ...gapped.slice(5)];
    expect(verify(log, headsOf(gapped, [10, 20])).failure).toMatchObject({ reason: 'checkpoint-root-mismatch', globalPosition: 18 });
    expect(verify(log, headsOf(gapped, [10, 20]), gapped).failure).toMatchObject({ reason: 'leaf-not-recorded', globalPosition: 11, streamId: 'incident-new' });
  });

  it('finds positions out of order and revisions missing', () => {
    const repeated = [...original.slice(0, 4), { ...original[4], globalPosition: 4 }];
    expect(verify(repeated).failure).toMatchObject({ reason: 'position-out-of-order', globalPosition: 4 });
    expect(verify(original.filter((event) => event.globalPosition !== 3)).failure).toMatchObject({ reason: 'revision-gap', globalPosition: 6, expected: '0', actual: '1' });
  });
});
