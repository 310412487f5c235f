/** The route's settings, from the environment (validated at start-up like the runtime settings). */
export interface EventStreamSettings {
  /** A comment line after this long without an event (`ITSM_SSE_HEARTBEAT_SECONDS`, default 15). */
  heartbeatMs: number;
  /** A client that falls this far behind (bytes not yet taken by its socket) is cut; it resumes with Last-Event-ID. */
  maxBufferedBytes: number;
}

export const DEFAULT_HEARTBEAT_SECONDS = 15;
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export class InvalidEventStreamSettings extends Error {
  override readonly name = 'InvalidEventStreamSettings';
}

export const eventStreamSettingsFrom = (env: Record<string, unknown>): EventStreamSettings => {
  const raw = env['ITSM_SSE_HEARTBEAT_SECONDS'];
  const seconds = raw === undefined || raw === '' ? DEFAULT_HEARTBEAT_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0.05 || seconds > 3600) {
    throw new InvalidEventStreamSettings(`ITSM_SSE_HEARTBEAT_SECONDS must be a number of seconds from 0.05 to 3600 (got "${String(raw)}")`);
  }
  return { heartbeatMs: Math.round(seconds * 1000), maxBufferedBytes: MAX_BUFFERED_BYTES };
};
