/** Incident priorities, most urgent first (DESIGN §6). */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Minutes of the offering's calendar (support hours), not wall-clock minutes. */
export interface SlaTarget {
  responseMinutes: number;
  resolutionMinutes: number;
}

/** A target for every priority: an offering never leaves one undefined. */
export type SlaTargets = Record<Priority, SlaTarget>;
