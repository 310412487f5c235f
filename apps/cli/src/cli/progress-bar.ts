import { Presets, SingleBar } from 'cli-progress';

export interface ProgressBar {
  update(done: number, total?: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr with rate and ETA (drawn only on a terminal: a pipe or CI log gets the result alone).
 * `unit` names what is counted ("events").
 */
export const progressBar = (label: string, unit: string, total: number, enabled = true): ProgressBar => {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`, etaBuffer: 50, hideCursor: true },
    Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(Math.max(total, 1), 0, { speed: 0 });
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
      bar.update(done, { speed: Math.round((done / Math.max(performance.now() - started, 1)) * 1000) });
    },
    stop: () => bar.stop(),
  };
};
