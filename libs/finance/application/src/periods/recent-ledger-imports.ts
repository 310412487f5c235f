import type { PeriodLedgerInputV1 } from '@itsm/contracts';
import type { PeriodLedgerLine } from '@itsm/finance-domain';

/** Ledger lines kept at most, over all imports and periods (a period of 100,000 lines is some tens of MB). */
const KEPT_LINES = 400_000;

/** An import's lines booked in one period, as a run reads them, and the manifest entry they give. */
export interface PeriodImportLines {
  lines: readonly PeriodLedgerLine[];
  input: PeriodLedgerInputV1;
}

/**
 * The lines of each ledger import booked in a period, as this process last read them from the log, so that running
 * the period again (it runs while open, every time a figure is checked) does not read and parse every line again.
 * An import never changes once recorded: its header and its chunks are one append, and the same import id takes no
 * other file. So what was read for an import and period is what a read would give again whenever its header is in
 * the log. Replays read the log themselves (they prove it).
 */
export class RecentLedgerImports {
  private readonly byKey = new Map<string, PeriodImportLines>();
  private lines = 0;

  remember(importId: string, period: string, kept: PeriodImportLines): void {
    const key = `${importId}/${period}`;
    this.forget(key);
    if (kept.lines.length > KEPT_LINES) return;
    this.byKey.set(key, kept);
    this.lines += kept.lines.length;
    for (const [oldest] of this.byKey) {
      if (this.lines <= KEPT_LINES) break;
      this.forget(oldest);
    }
  }

  recall(importId: string, period: string, contentSha256: string): PeriodImportLines | undefined {
    const kept = this.byKey.get(`${importId}/${period}`);
    return kept?.input.contentSha256 === contentSha256 ? kept : undefined;
  }

  private forget(key: string): void {
    const kept = this.byKey.get(key);
    if (kept === undefined) return;
    this.byKey.delete(key);
    this.lines -= kept.lines.length;
  }
}
