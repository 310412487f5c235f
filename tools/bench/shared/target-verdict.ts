/** An issue's target next to a figure: what it asks and whether this run met it. */
export interface TargetVerdict {
  target: string;
  met: boolean | null;
}

export const verdict = (
  target: string,
  met: boolean | null,
): TargetVerdict => ({
  target,
  met,
});

export const verdictText = ({ target, met }: TargetVerdict): string =>
  `${target}\n${met === null ? 'n/a' : met ? 'met' : 'MISSED'}`;
