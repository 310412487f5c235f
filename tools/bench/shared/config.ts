/** Bench settings from the environment, so a quick run is one variable away. */
export interface BenchConfig {
  /** Multiplies every case's size: 0.1 for a smoke run, 1 by default. */
  scale: number;
  /** Each case runs this many rounds, contenders taking turns, and the rounds are summed up (BENCH_ROUNDS, default 5). */
  rounds: number;
  databaseUrl: string;
  /** Bench parts to run (BENCH_PARTS=event-store,…); all when unset. */
  parts: string[] | null;
  /** Targets to run (BENCH_TARGETS=postgres,pglite); all when unset. */
  targets: string[] | null;
  /** Cases to run, by id (BENCH_CASES=append-1-x8,append-1-x32), in the parts that name their cases; all when unset. */
  cases: string[] | null;
  resultsDir: string;
}

const list = (value: string | undefined): string[] | null =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : null;

export const readBenchConfig = (
  env: NodeJS.ProcessEnv = process.env,
): BenchConfig => {
  const scale = Number(env['BENCH_SCALE'] ?? '1');
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(
      `BENCH_SCALE must be a positive number, got "${env['BENCH_SCALE']}"`,
    );
  const rounds = Number(env['BENCH_ROUNDS'] ?? '5');
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(
      `BENCH_ROUNDS must be a positive integer, got "${env['BENCH_ROUNDS']}"`,
    );
  return {
    scale,
    rounds,
    databaseUrl:
      env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    parts: list(env['BENCH_PARTS']),
    targets: list(env['BENCH_TARGETS']),
    cases: list(env['BENCH_CASES']),
    resultsDir: env['BENCH_RESULTS_DIR'] ?? 'bench-results',
  };
};

/** A case size scaled by BENCH_SCALE, never below `min` so ratios stay meaningful. */
export const scaled = (config: BenchConfig, size: number, min = 1): number =>
  Math.max(min, Math.round(size * config.scale));

/** The share of a scaled total that one round runs: the rounds together do `size` (scaled). */
export const perRound = (config: BenchConfig, size: number, min = 1): number =>
  Math.max(min, Math.round((size * config.scale) / config.rounds));
