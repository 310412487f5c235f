/** Hands out the human-facing incident numbers (`INC0000001`): unique, increasing, gaps allowed. */
export interface IncidentNumberAllocator {
  next(): Promise<string>;
}
