import type { Actor } from '@itsm/event-sourcing';

/** Time and identity reach the decider through the command, so that tests and replays stay deterministic. */
export interface CommandMetadata {
  now: Date;
  actor: Actor;
}
