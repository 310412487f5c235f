/** Where handlers and the SLA scheduler take "now" from; deciders get it through command metadata or facts. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock set by hand: specs and scenario runs move it to the instants they replay. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return this.current;
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
}
