import type { RecordedEvent } from '@itsm/event-sourcing';

/**
 * Stores the relay's checkpoint behind the publishing instead of between two publishes: the next batch goes
 * to the broker while the previous acknowledgement is being written. Batches are acknowledged in log order,
 * so the latest acknowledged event always has every earlier one acknowledged too; at most one write runs at
 * a time, and acknowledgements that arrive meanwhile collapse into the next write (the latest position).
 */
export class TrailingCheckpoint {
  private latest: { last: RecordedEvent; count: number } | undefined;
  private writing: Promise<void> | undefined;
  private failed = false;

  constructor(
    /** The fenced write of the checkpoint at `last`, `count` events after the previous write. */
    private readonly save: (last: RecordedEvent, count: number) => Promise<void>,
    /** Told when a write failed; nothing more is written after that. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The broker acknowledged a batch ending with `last` (and, before it, every earlier batch). */
  acknowledged(last: RecordedEvent, count: number): void {
    if (this.failed) return;
    this.latest = { last, count: (this.latest?.count ?? 0) + count };
    this.writing ??= this.writeUntilCurrent();
  }

  /** Resolves once every acknowledged position is stored, or a write failed. */
  async settled(): Promise<void> {
    await this.writing;
  }

  private async writeUntilCurrent(): Promise<void> {
    try {
      while (this.latest) {
        const { last, count } = this.latest;
        this.latest = undefined;
        await this.save(last, count);
      }
    } catch (error) {
      this.failed = true;
      this.latest = undefined;
      this.onError(error);
    } finally {
      this.writing = undefined;
    }
  }
}
