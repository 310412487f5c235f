/** Hands out the human-facing service numbers (`SVC0000001`): unique, increasing, gaps allowed. */
export interface ServiceNumberAllocator {
  next(): Promise<string>;
}
