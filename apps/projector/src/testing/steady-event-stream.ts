import { setTimeout as sleep } from 'node:timers/promises';
import { newId, streamName } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';

/** One stream of each of these types per round: they map to every context's topic. */
const STREAM_TYPES = ['incident', 'change', 'service', 'budget'];
/** Two types alternating per stream, so the per-type counts of the projection are checked too. */
export const STEADY_EVENT_TYPES = ['ScaleOutProbeTicked', 'ScaleOutProbeTocked'];

/**
 * Appends to the log at a steady pace while a scenario plays out around it: each round one event to each stream
 * (separate appends, as separate requests would), then a pause. `finishAfter(rounds)` ends it that many rounds
 * later; `finished` resolves with the number of events appended.
 */
export class SteadyEventStream {
  readonly streamIds: string[];
  appended = 0;
  private rounds = 0;
  private lastRound = Number.POSITIVE_INFINITY;
  readonly finished: Promise<number>;

  constructor(
    private readonly store: EventStore,
    streams: number,
    private readonly pauseMs: number,
  ) {
    this.streamIds = Array.from({ length: streams }, (_, index) => streamName(STREAM_TYPES[index % STREAM_TYPES.length]));
    this.finished = this.run();
  }

  /** Ends the stream `rounds` rounds from now. */
  finishAfter(rounds: number): void {
    this.lastRound = Math.min(this.lastRound, this.rounds + rounds);
  }

  private async run(): Promise<number> {
    const metadata = { actor: { id: 'scale-out-spec', role: 'system' }, correlationId: newId() };
    for (let revision = 0; revision < this.lastRound; revision++) {
      await Promise.all(
        this.streamIds.map((streamId) =>
          this.store.appendToStream(streamId, [{ type: STEADY_EVENT_TYPES[revision % 2], data: { revision }, metadata }], {
            expectedRevision: revision === 0 ? 'no-stream' : revision - 1,
          }),
        ),
      );
      this.appended += this.streamIds.length;
      this.rounds = revision + 1;
      await sleep(this.pauseMs);
    }
    return this.appended;
  }
}
