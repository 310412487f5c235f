/** What `itsm` exits with, so scripts can tell the cases apart. */
export const EXIT = {
  ok: 0,
  /** The command could not do its work (unreachable store, refused input, data directory in use). */
  failed: 1,
  /** Wrong arguments (commander's own usage errors). */
  usage: 2,
  /** `verify` ran to the end and the log does not verify. */
  verificationFailed: 3,
  /** `finance replay` ran to the end and a statement hash (or an input) differs from what was recorded. */
  replayMismatch: 3,
} as const;

/** Arguments that commander accepted but the command cannot use (an unknown projection name): exits with `EXIT.usage`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
