import { CHANGE_STREAM_PREFIX, changeIdOf, type ChangeEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { evolveRiskHistory, RISK_HISTORY_EVENT_TYPES, type RiskHistoryEntry } from './risk-history';

/**
 * The risk history folded in memory from change events in log order (upcast first), without the projection: what
 * `itsm changes backtest-risk` reads when it works on a log directly. Returns the assessed changes by number.
 */
export class RiskHistoryFold {
  private readonly entries = new Map<string, RiskHistoryEntry>();

  /** The filter to read the log with (`readAll({ filter })`). */
  static readonly filter = { types: [...RISK_HISTORY_EVENT_TYPES], streamPrefixes: [CHANGE_STREAM_PREFIX] };

  add(event: RecordedEvent): void {
    if (!event.streamId.startsWith(CHANGE_STREAM_PREFIX) || !(RISK_HISTORY_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    const changeId = changeIdOf(event.streamId);
    const next = evolveRiskHistory(this.entries.get(changeId), changeId, event as RecordedEvent & ChangeEvent);
    if (next) this.entries.set(changeId, next);
  }

  assessedChanges(): RiskHistoryEntry[] {
    return [...this.entries.values()].filter((entry) => entry.recordedLevel !== null).sort((a, b) => a.number.localeCompare(b.number));
  }
}
