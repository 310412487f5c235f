/** Where handlers and the SLA scheduler take "now" from; deciders get it through command metadata or facts. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
