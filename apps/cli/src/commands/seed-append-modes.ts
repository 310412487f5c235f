/**
 * How a seeded incident reaches the log. `per-command`: every command is its own append, as through the API.
 * `per-incident`: the same handlers run against a staging log in memory (the in-memory event store), and each
 * life is written to the real log as one stream of a multi-stream append (the same events, far fewer round trips
 * and commits) — for seeding at scale.
 */
export type SeedAppendMode = 'per-command' | 'per-incident';
export const SEED_APPEND_MODES: readonly SeedAppendMode[] = ['per-incident', 'per-command'];
