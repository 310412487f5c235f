import type { RecordedEvent } from '@itsm/event-sourcing';
import { TrailingCheckpoint } from './trailing-checkpoint';

const eventAt = (globalPosition: number) => ({ globalPosition }) as RecordedEvent;

/** A save whose calls stay pending until the test resolves or rejects them, one by one. */
const controlledSave = () => {
  const calls: Array<{ position: number; count: number; resolve: () => void; reject: (error: Error) => void }> = [];
  const save = (last: RecordedEvent, count: number) =>
    new Promise<void>((resolve, reject) => calls.push({ position: last.globalPosition, count, resolve, reject }));
  return { calls, save };
};

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('TrailingCheckpoint', () => {
  it('writes one position at a time and folds acknowledgements that arrive meanwhile into the latest one', async () => {
    const { calls, save } = controlledSave();
    const checkpoint = new TrailingCheckpoint(save, () => undefined);

    checkpoint.acknowledged(eventAt(500), 500);
    checkpoint.acknowledged(eventAt(1000), 500);
    checkpoint.acknowledged(eventAt(1500), 500);
    expect(calls.map(({ position, count }) => [position, count])).toEqual([[500, 500]]);

    calls[0].resolve();
    await flush();
    expect(calls.map(({ position, count }) => [position, count])).toEqual([
      [500, 500],
      [1500, 1000],
    ]);

    let settled = false;
    const done = checkpoint.settled().then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    calls[1].resolve();
    await done;
    expect(calls).toHaveLength(2);
  });

  it('reports a failed write and writes nothing after it', async () => {
    const { calls, save } = controlledSave();
    const errors: unknown[] = [];
    const checkpoint = new TrailingCheckpoint(save, (error) => errors.push(error));

    checkpoint.acknowledged(eventAt(10), 10);
    checkpoint.acknowledged(eventAt(20), 10);
    calls[0].reject(new Error('lease lost'));
    await checkpoint.settled();
    checkpoint.acknowledged(eventAt(30), 10);
    await checkpoint.settled();

    expect(errors.map(String)).toEqual(['Error: lease lost']);
    expect(calls.map(({ position }) => position)).toEqual([10]);
  });
});
