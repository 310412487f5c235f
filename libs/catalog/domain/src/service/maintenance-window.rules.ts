import { maintenanceWindowSpan, MINUTES_PER_WEEK, type MaintenanceWindow, type MaintenanceWindowSet } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { canonicalTimeZone, minutesOfDay, weekdayIndex } from '../weekly-time.rules';

const label = (window: MaintenanceWindow) => `${window.day} ${window.from}–${window.to}`;

/**
 * The maintenance windows as they will be stored: the zone spelled as the time-zone database spells it, windows
 * sorted by their start in the week. A window may cross midnight (`sat 22:00–06:00`) and end at `24:00`; refused:
 * malformed days or times, equal ends, and windows that overlap anywhere in the week (across midnight, and from
 * Sunday into Monday, too). Windows that touch are fine. No windows at all means none.
 */
export const validMaintenanceWindows = (windowSet: MaintenanceWindowSet): MaintenanceWindowSet => {
  const timeZone = canonicalTimeZone(windowSet.timeZone);
  const windows = windowSet.windows.map((given) => {
    weekdayIndex(given.day);
    const from = minutesOfDay(given.from, 'from');
    const to = minutesOfDay(given.to, 'to');
    if (from === to) throw new RuleViolation(`${label(given)}: "from" and "to" must differ (a window lasts at most 24 hours)`);
    const window: MaintenanceWindow = { day: given.day, from: given.from, to: given.to };
    return { window, ...maintenanceWindowSpan(window) };
  });
  windows.sort((a, b) => a.start - b.start);
  // Each window against the next one; the last also against the first of the next week (a Sunday window may wrap).
  // A window lasts at most a day, so a window overlapping a later one also overlaps the one right after it.
  windows.forEach((current, index) => {
    const next = index + 1 < windows.length ? windows[index + 1] : index > 0 ? { ...windows[0], start: windows[0].start + MINUTES_PER_WEEK } : null;
    if (next && next.start < current.end) throw new RuleViolation(`${label(current.window)} overlaps ${label(next.window)}`);
  });
  return { timeZone, windows: windows.map(({ window }) => window) };
};
