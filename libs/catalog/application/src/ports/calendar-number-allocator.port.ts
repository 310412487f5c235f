/** Hands out the human-facing calendar numbers (`CAL0000001`): unique, increasing, gaps allowed. */
export interface CalendarNumberAllocator {
  next(): Promise<string>;
}
