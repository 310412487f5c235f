import type { HttpCaseResult } from './http.table';

/** Issue 14, point 3: our routes against the plain NestJS + pg app (b) and an absolute latency bound. */
export const MIN_RATIO_TO_NEST_PG: Readonly<Record<string, number>> = { create: 0.5, read: 0.7 };
export const MAX_P99_MS = 100;

export interface HttpTargetCheck {
  target: string;
  figure: string;
  goal: string;
  /** req/s (ratio targets) or ms (latency targets). */
  amount: number;
  /** Ours ÷ NestJS + pg, or the p99 ÷ its budget. */
  ratio: number;
  met: boolean;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** ours ÷ other in req/s, when both ran. */
export const ratioOf = (ours: number | undefined, other: number | undefined): number | null =>
  ours && other ? round2(ours / other) : null;

/** Every target of the part, from the embedded contender's figures (apps/platform) on each target. */
export const checkHttpTargets = (results: readonly HttpCaseResult[]): HttpTargetCheck[] =>
  results.flatMap((result) => {
    const ours = result.byContender.embedded;
    if (!ours) return [];
    const checks: HttpTargetCheck[] = [];
    const minRatio = MIN_RATIO_TO_NEST_PG[result.caseId];
    if (minRatio !== undefined && result.ratios.toNestPg !== null) {
      checks.push({
        target: `${result.caseId} on ${result.target}: ours ÷ NestJS + pg`,
        figure: `${result.ratios.toNestPg.toFixed(2)}× (${ours.requestsPerSec} vs ${result.byContender['nest-pg']?.requestsPerSec} req/s)`,
        goal: `≥ ${minRatio}×`,
        amount: ours.requestsPerSec,
        ratio: result.ratios.toNestPg,
        met: result.ratios.toNestPg >= minRatio,
      });
    }
    checks.push({ target: `${result.caseId} on ${result.target}: ours p99`, figure: `${ours.p99Ms} ms`, goal: `< ${MAX_P99_MS} ms`, amount: ours.p99Ms, ratio: round2(ours.p99Ms / MAX_P99_MS), met: ours.p99Ms < MAX_P99_MS });
    return checks;
  });
