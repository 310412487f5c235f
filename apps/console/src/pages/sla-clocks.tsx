import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { duration } from '../format';

export interface SlaTimer {
  kind: 'response' | 'resolution';
  state: 'running' | 'paused' | 'met' | 'breached' | 'cancelled' | string;
  targetMinutes: number;
  startedAt: string;
  dueAt: string | null;
  elapsedMinutes: number;
  pausedMinutes: number;
  remainingMinutes: number;
}

/** Seconds since `since`, re-rendering every second while `running`. */
const useSecondsSince = (since: number, running: boolean): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [since, running]);
  return Math.max(0, (now - since) / 1000);
};

/**
 * One SLA timer as a live clock: the remaining business time the platform computed (`/sla`), counted down between
 * polls while it runs; frozen while paused (on hold); red once breached or overdue.
 */
export function SlaClock({ timer, fetchedAt, live }: { timer: SlaTimer; fetchedAt: number; live: boolean }) {
  const running = live && timer.state === 'running';
  const seconds = useSecondsSince(fetchedAt, running);
  const remaining = running ? timer.remainingMinutes - seconds / 60 : timer.remainingMinutes;
  const breached = timer.state === 'breached' || remaining < 0;
  const color = breached ? 'red.9' : timer.state === 'paused' ? 'gray.7' : timer.state === 'met' ? '#1e6b30' : 'blue.8';
  const label = timer.kind === 'response' ? 'Response' : 'Resolution';
  return (
    <Paper withBorder p="sm" miw={220} data-testid={`sla-${timer.kind}`} data-state={breached ? 'breached' : timer.state}>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{label}</Text>
          <Badge color={color} variant="filled">
            {breached ? 'breached' : timer.state}
          </Badge>
        </Group>
        <Text
          size="xl"
          fw={700}
          c={breached ? 'red.9' : undefined}
          aria-label={`${label} time remaining`}
          data-testid={`sla-${timer.kind}-remaining`}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {timer.state === 'met' ? 'met' : duration(remaining)}
        </Text>
        <Text size="xs">
          target {duration(timer.targetMinutes)} of business time · paused {duration(timer.pausedMinutes)}
          {timer.state === 'paused' ? ' · paused while on hold' : ''}
        </Text>
      </Stack>
    </Paper>
  );
}

export function SlaClocks({ timers, fetchedAt, live }: { timers: SlaTimer[]; fetchedAt: number; live: boolean }) {
  if (timers.length === 0) return <Text size="sm">No SLA timers: the incident’s service has no offering with SLA targets.</Text>;
  return (
    <Group align="stretch">
      {timers.map((timer) => (
        <SlaClock key={timer.kind} timer={timer} fetchedAt={fetchedAt} live={live} />
      ))}
    </Group>
  );
}
