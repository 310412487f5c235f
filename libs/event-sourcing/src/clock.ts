import type { Actor } from './envelope';

/** Where handlers and processes read "now" from; specs pass a clock they set by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Time and identity reach a decider through its command, so that tests and replays stay deterministic. */
export interface CommandMetadata {
  now: Date;
  actor: Actor;
}
