import fc from 'fast-check';
import type { RecordedEvent } from '@itsm/event-sourcing';

/**
 * Recorded events for the hashing property specs (a dev dependency: never import this from production code):
 * `text` draws every string member, `eventId` the id (a UUID unless a spec wants any text there).
 */
export const recordedEventArbitrary = (text: fc.Arbitrary<string>, eventId: fc.Arbitrary<string> = fc.uuid()): fc.Arbitrary<RecordedEvent> =>
  fc.record({
    eventId,
    type: text,
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    streamId: text,
    streamRevision: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    globalPosition: fc.maxSafeNat(),
    occurredAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    recordedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    actor: fc.record({ id: text, role: fc.option(text, { nil: undefined }), via: fc.option(text, { nil: undefined }) }, { requiredKeys: ['id'] }),
    correlationId: text,
    causationId: fc.option(text, { nil: null }),
    traceparent: fc.option(text, { nil: null }),
    data: fc.jsonValue(),
    hash: fc.stringMatching(/^[0-9a-f]{64}$/),
  });
