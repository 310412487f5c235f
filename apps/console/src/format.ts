export const dateTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '—';

/** `-1 h 05 m` / `2 d 03 h` / `12 m 30 s` from minutes (may be negative: overdue). */
export const duration = (minutes: number): string => {
  const sign = minutes < 0 ? '−' : '';
  const totalSeconds = Math.round(Math.abs(minutes) * 60);
  const d = Math.floor(totalSeconds / 86400);
  const h = Math.floor((totalSeconds % 86400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d} d ${pad(h)} h`;
  if (h > 0) return `${sign}${h} h ${pad(m)} m ${pad(s)} s`;
  return `${sign}${m} m ${pad(s)} s`;
};
