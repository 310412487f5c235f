/** Hands out the human-facing change numbers (`CHG0000001`): unique, increasing, gaps allowed. */
export interface ChangeNumberAllocator {
  next(): Promise<string>;
}
