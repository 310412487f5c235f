import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * Live updates over `GET /api/v1/events` (server-sent events). EventSource cannot send an Authorization header, so
 * the stream is read with fetch and the bearer token, like every other call: no token in a URL, so none in access
 * logs or the browser history. Each event invalidates the queries it affects; while the stream is not there (a
 * gateway without the route, the platform restarting) the pages poll as before, and the stream is retried.
 */
export type LiveState = 'connecting' | 'live' | 'polling';

const LiveContext = createContext<LiveState>('polling');
export const useLiveState = (): LiveState => useContext(LiveContext);

/** A page's polling interval, or none while the stream is live (events then say when to refetch). */
export const pollUnlessLive = (state: LiveState, intervalMs: number): number | false => (state === 'live' ? false : intervalMs);

/** Which queries an event type makes stale (by the first part of their key). */
const STALE_QUERIES: ReadonlyArray<[prefix: string, keys: readonly string[]]> = [
  ['itsm.incidents.', ['incidents', 'incident']],
  ['itsm.changes.', ['schedule', 'freezes', 'inbox', 'change', 'changes']],
  ['itsm.catalog.', ['services', 'calendars', 'offerings']],
];
const BATCH_MS = 150;
const FIRST_RETRY_MS = 2_000;
const LONGEST_RETRY_MS = 60_000;

interface SentEvent {
  id: string | undefined;
  type: string;
}

/** The `text/event-stream` parsing rules the route needs: lines, `field: value`, a blank line ends an event. */
async function* sentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let id: string | undefined;
  let type = 'message';
  let hasData = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\n|\r/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (hasData) yield { id, type };
        type = 'message';
        hasData = false;
      } else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) hasData = true;
    }
  }
}

const invalidator = (client: QueryClient) => {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (type: string) => {
    for (const [prefix, keys] of STALE_QUERIES) if (type.startsWith(prefix)) keys.forEach((key) => pending.add(key));
    // A burst of events (a resolve writes several) refetches once.
    timer ??= setTimeout(() => {
      timer = undefined;
      const keys = [...pending];
      pending.clear();
      for (const key of keys) void client.invalidateQueries({ queryKey: [key] });
    }, BATCH_MS);
  };
};

/** Follows the stream until `signal` aborts, reconnecting with the last id seen (no event lost, none twice). */
const follow = async (token: string, signal: AbortSignal, onState: (state: LiveState) => void, onEvent: (type: string) => void) => {
  let lastEventId: string | undefined;
  let retryMs = FIRST_RETRY_MS;
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/v1/events', {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}`, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
        signal,
      });
      if (response.ok && response.body) {
        onState('live');
        retryMs = FIRST_RETRY_MS;
        for await (const event of sentEvents(response.body)) {
          lastEventId = event.id ?? lastEventId;
          onEvent(event.type);
        }
      }
    } catch {
      // Unreachable or cut: poll, then try again.
    }
    if (signal.aborted) return;
    onState('polling');
    await new Promise((resolve) => setTimeout(resolve, retryMs));
    retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
  }
};

export function LiveEventsProvider({ token, children }: { token: string; children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    const stop = new AbortController();
    void follow(token, stop.signal, setState, invalidator(client));
    return () => stop.abort();
  }, [token, client]);
  return <LiveContext.Provider value={state}>{children}</LiveContext.Provider>;
}
