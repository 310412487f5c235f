/** Where command handlers take "now" from; deciders get it through the command metadata. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
