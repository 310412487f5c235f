import { Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { describeError, get, type Page } from '../api';
import { dateTime } from '../format';
import { timelineHref } from './audit-links';

const PAGE_SIZE = 100;

interface AuditEvent {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  recordedAt: string;
  actor: { id: string; via?: string; role?: string } | null;
  correlationId: string | null;
}

/**
 * A record's events (`/audit/events?streamId=`), for auditors. The record comes from the address (`?streamId=`), so a
 * finding's cited event links here; `&event=` marks that event and brings it into view.
 */
export function RecordTimeline() {
  const search = new URLSearchParams(useSearch());
  const streamId = search.get('streamId') ?? '';
  const cited = search.get('event');
  const [, navigate] = useLocation();
  const [input, setInput] = useState(streamId);
  useEffect(() => setInput(streamId), [streamId]);
  const events = useInfiniteQuery({
    queryKey: ['audit-events', streamId],
    queryFn: ({ pageParam }) => get<Page<AuditEvent>>('/audit/events', { streamId, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: !!streamId,
  });
  const items = events.data?.pages.flatMap((page) => page.items);
  const citedLoaded = !!cited && !!items?.some((e) => e.eventId === cited);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;
  useEffect(() => {
    // A cited event further down the record's history: read on until it is there.
    if (cited && items && !citedLoaded && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [cited, items, citedLoaded, hasNextPage, isFetchingNextPage, fetchNextPage]);
  useEffect(() => {
    if (!citedLoaded) return;
    const row = document.getElementById(`event-${cited}`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus({ preventScroll: true });
  }, [cited, citedLoaded]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input.trim()) navigate(timelineHref(input.trim()));
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label="Record timeline">
      <Title order={2} size="h4" mb="xs">
        A record’s timeline
      </Title>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label="Stream id" description="e.g. incident-<uuid>" value={input} onChange={(e) => setInput(e.currentTarget.value)} w={360} />
          <Button type="submit">Show events</Button>
        </Group>
      </form>
      {events.isError && <Text c="red.9">{describeError(events.error)}</Text>}
      {items && (
        <div style={{ overflowX: 'auto' }} data-testid="record-timeline">
          <Table miw={720} mt="sm">
            <Table.Caption>
              {items.length} events of {streamId}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Position</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Actor</Table.Th>
                <Table.Th scope="col">Event id</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr
                  key={e.eventId}
                  id={`event-${e.eventId}`}
                  tabIndex={e.eventId === cited ? -1 : undefined}
                  aria-current={e.eventId === cited ? 'true' : undefined}
                  bg={e.eventId === cited ? 'yellow.1' : undefined}
                >
                  <Table.Td>{e.globalPosition}</Table.Td>
                  <Table.Td>{dateTime(e.recordedAt)}</Table.Td>
                  <Table.Td>
                    {e.type} (revision {e.streamRevision}){e.eventId === cited ? ' — cited' : ''}
                  </Table.Td>
                  <Table.Td>{e.actor ? `${e.actor.id}${e.actor.role ? ` (${e.actor.role})` : ''}` : '—'}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{e.eventId}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {events.hasNextPage && (
            <Button variant="default" mt="xs" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              Show more events
            </Button>
          )}
        </div>
      )}
    </Paper>
  );
}
