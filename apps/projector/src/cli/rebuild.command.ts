import { SingleBar, Presets } from 'cli-progress';
import { validateRuntimeConfig } from '@itsm/platform-kit';
import type { RebuildProgress } from '@itsm/projections';
import { openProjector } from '../app/open-projector';

const formatEta = (seconds: number | null): string => (seconds === null ? '?' : `${Math.ceil(seconds)}s`);

/**
 * `projector rebuild <name>`: rebuilds one projection with a progress bar, against the same database as a running
 * projector (which keeps serving the old tables and applying live events until the swap).
 */
export const runRebuildCommand = async (name: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<RebuildProgress> => {
  if (!name) throw new Error('Usage: projector rebuild <projection-name>');
  const projector = await openProjector(validateRuntimeConfig(env));
  const bar = new SingleBar(
    { format: `${name} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {etaText} | {state}`, etaBuffer: 50 },
    Presets.shades_classic,
  );
  bar.start(1, 0, { rate: 0, etaText: '?', state: 'starting' });
  try {
    const rebuild = projector.runtime.rebuild(name, (progress) => {
      bar.setTotal(Math.max(progress.total, 1));
      bar.update(progress.done, { rate: progress.eventsPerSecond, etaText: formatEta(progress.etaSeconds), state: progress.state });
    });
    await rebuild.finished;
    return rebuild.tracker.snapshot();
  } finally {
    bar.stop();
    await projector.close();
  }
};
