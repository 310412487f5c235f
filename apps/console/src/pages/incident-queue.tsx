import { Alert, Anchor, Badge, Button, Checkbox, Group, MultiSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { describeError, get, type Page } from '../api';
import { dateTime } from '../format';
import { pollUnlessLive, useLiveState } from '../live-events';

export interface IncidentListItem {
  id: string;
  number: string;
  state: string;
  priority: string;
  shortDescription: string;
  assignmentGroup: string | null;
  assignee: string | null;
  breached: boolean;
  majorStatus: string;
  openedAt: string;
  updatedAt: string;
}

export const STATES = ['new', 'assigned', 'in-progress', 'on-hold', 'resolved', 'closed', 'cancelled'];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];
const PAGE_SIZE = 50;
const ROW_HEIGHT = 41;

/** Badge colours dark enough for white text at WCAG AA (4.5:1): Mantine's orange and yellow are not. */
export const priorityColor = (priority: string) => ({ P1: 'red.9', P2: '#a33b00', P3: '#6e5200', P4: 'blue.9', P5: 'gray.7' })[priority] ?? 'gray.7';

/**
 * The incident queue: the list's filters and text search, pages of 50 fetched with the cursor as the table scrolls,
 * and only the rows in view rendered (a queue of 10,000+ incidents is never loaded whole).
 */
export function IncidentQueue() {
  const live = useLiveState();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 300);
  const [state, setState] = useState<string[]>(['new', 'assigned', 'in-progress', 'on-hold']);
  const [priority, setPriority] = useState<string[]>([]);
  const [assignmentGroup, setAssignmentGroup] = useState('');
  const [group] = useDebouncedValue(assignmentGroup, 300);
  const [breached, setBreached] = useState(false);
  const [major, setMajor] = useState(false);
  const filters = { q: search.trim(), state, priority, assignmentGroup: group.trim(), breached: breached || undefined, major: major || undefined };
  const list = useInfiniteQuery({
    queryKey: ['incidents', filters],
    queryFn: ({ pageParam }) => get<Page<IncidentListItem>>('/incidents', { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: pollUnlessLive(live, 15_000),
  });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (last && last.index >= rows.length - 10 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const paddingTop = items.length ? items[0].start : 0;
  const paddingBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <Stack>
      <Title order={1} size="h2">
        Incident queue
      </Title>
      <Group align="end" wrap="wrap">
        <TextInput label="Search" placeholder="Number or words" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={220} />
        <MultiSelect label="State" data={STATES} value={state} onChange={setState} clearable w={280} />
        <MultiSelect label="Priority" data={PRIORITIES} value={priority} onChange={setPriority} clearable w={200} />
        <TextInput label="Assignment group" value={assignmentGroup} onChange={(e) => setAssignmentGroup(e.currentTarget.value)} w={180} />
        <Checkbox label="Breached" checked={breached} onChange={(e) => setBreached(e.currentTarget.checked)} />
        <Checkbox label="Major" checked={major} onChange={(e) => setMajor(e.currentTarget.checked)} />
      </Group>
      {list.isError && (
        <Alert color="red" title="The queue could not be read" role="alert">
          {describeError(list.error)}
        </Alert>
      )}
      <Text size="sm" aria-live="polite" data-testid="queue-count">
        {list.isPending ? 'Loading…' : `${rows.length} incident${rows.length === 1 ? '' : 's'} loaded${hasNextPage ? ', more as you scroll' : ''}`}
      </Text>
      <div ref={scroller} style={{ height: 'min(60vh, 640px)', overflow: 'auto' }} tabIndex={0} role="region" aria-label="Incidents">
        <Table striped highlightOnHover stickyHeader miw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Number</Table.Th>
              <Table.Th scope="col">Priority</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Short description</Table.Th>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col">Assignee</Table.Th>
              <Table.Th scope="col">Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden>
                <td colSpan={7} style={{ height: paddingTop, padding: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const incident = rows[item.index];
              return (
                <Table.Tr key={incident.id} style={{ height: ROW_HEIGHT }} data-testid="queue-row">
                  <Table.Td>
                    <Anchor component={Link} href={`/incidents/${incident.number}`}>
                      {incident.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={priorityColor(incident.priority)} variant="filled">
                      {incident.priority}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {incident.state}
                    {incident.breached && (
                      <Badge color="red.9" ml={4} variant="filled">
                        breached
                      </Badge>
                    )}
                    {incident.majorStatus !== 'none' && (
                      <Badge color="grape.9" ml={4} variant="filled">
                        major {incident.majorStatus}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{incident.shortDescription}</Table.Td>
                  <Table.Td>{incident.assignmentGroup ?? '—'}</Table.Td>
                  <Table.Td>{incident.assignee ?? '—'}</Table.Td>
                  <Table.Td>{dateTime(incident.updatedAt)}</Table.Td>
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={7} style={{ height: paddingBottom, padding: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {hasNextPage && (
        <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} w="fit-content">
          Load the next {PAGE_SIZE}
        </Button>
      )}
    </Stack>
  );
}
