import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { LogVerifier, type LogFailure, type LogVerificationFigures } from './log-verifier';

export interface LogVerification extends LogVerificationFigures {
  ok: boolean;
  firstFailure: LogFailure | null;
}

export interface VerifyProgress {
  events: number;
  position: number;
  /** The log's head when the run started (the run stops there). */
  head: number;
}

export interface VerifyOptions {
  /** Events per read; default 5000. */
  batchSize?: number;
  onProgress?(progress: VerifyProgress): void;
}

/**
 * Re-checks the whole log from its first event: every stream's hash chain and revisions, and the global order.
 * Reports the first failure with its position and stream.
 */
export const verifyEventLog = async (store: EventStore, options: VerifyOptions = {}): Promise<LogVerification> => {
  // Up to the head as the run starts: appends during the run do not make it endless.
  const head = await readHeadPosition(store);
  const verifier = new LogVerifier();
  let position = -1;
  while (position < head) {
    const { events, lastPosition } = await store.readAll({ fromPosition: position, maxCount: options.batchSize ?? 5_000 });
    if (lastPosition === position) break;
    for (const event of events) {
      if (event.globalPosition > head) break;
      if (verifier.check(event)) return { ok: false, firstFailure: verifier.firstFailure, ...verifier.figures() };
    }
    position = lastPosition;
    options.onProgress?.({ events: verifier.figures().events, position: Math.min(position, head), head });
  }
  return { ok: true, firstFailure: null, ...verifier.figures() };
};
