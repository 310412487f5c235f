import { Alert, Anchor, Badge, Button, Card, Grid, Group, NativeSelect, NumberInput, Paper, Slider, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiError, describeError, request, type Page } from '../api';
import { dateTime } from '../format';
import { pollUnlessLive, useLiveState } from '../live-events';
import { CAN, hasAny, useSession } from '../session';
import { priorityColor } from './incident-queue';
import { SlaClocks, type SlaTimer } from './sla-clocks';

export interface Incident {
  id: string;
  number: string;
  state: string;
  priority: string;
  impact: number;
  urgency: number;
  callerId: string;
  shortDescription: string;
  description: string;
  serviceId: string;
  assignmentGroup: string | null;
  assignee: string | null;
  holdReason: string | null;
  resolution: { code: string; notes?: string } | null;
  escalationLevel: number;
  majorStatus: string;
  workLog: { entries: number; minutesSpent: number };
  reopenCount: number;
  openedAt: string;
  revision: number;
}

interface HistoryLine {
  revision: number;
  at: string;
  actor: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  eventType: string;
}

const HOLD_REASONS = ['awaiting-caller', 'awaiting-change', 'awaiting-vendor'];
const RESOLUTION_CODES = ['solved-permanently', 'solved-workaround', 'solved-remotely', 'not-reproducible', 'not-solved-too-costly', 'resolved-by-caller', 'duplicate'];
const OPEN = ['new', 'assigned', 'in-progress', 'on-hold'];

const SLA_POLL_MS = 10_000;

/** An action's form: a titled card whose submit runs the command; every control is a native, keyboard-reachable one. */
function ActionForm({ title, submit, label, busy, children }: { title: string; submit: () => void; label: string; busy: boolean; children?: ReactNode }) {
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <Card withBorder padding="sm" component="section" aria-label={title}>
      <form onSubmit={onSubmit}>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {title}
          </Title>
          {children}
          <Button type="submit" size="xs" loading={busy} w="fit-content">
            {label}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * One incident: its fields, live SLA clocks, every action of the API (each sent with If-Match: the ETag it was
 * read with; a 412 reloads it and says someone else changed it), the field history and a time-travel slider over `?asOf`.
 */
export default function IncidentPage({ id }: { id: string }) {
  const { session } = useSession();
  const client = useQueryClient();
  const live = useLiveState();
  const incident = useQuery({ queryKey: ['incident', id], queryFn: () => request<Incident>(`/incidents/${encodeURIComponent(id)}`) });
  const sla = useQuery({
    queryKey: ['incident', id, 'sla'],
    queryFn: async () => ({ ...(await request<{ timers: SlaTimer[] }>(`/incidents/${encodeURIComponent(id)}/sla`)).data, fetchedAt: Date.now() }),
    refetchInterval: pollUnlessLive(live, SLA_POLL_MS),
  });
  // The history is a read model: a refetch right after a write can come before it; without the live stream, poll.
  const history = useQuery({
    queryKey: ['incident', id, 'history'],
    queryFn: () => request<Page<HistoryLine>>(`/incidents/${encodeURIComponent(id)}/history`),
    refetchInterval: pollUnlessLive(live, SLA_POLL_MS),
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ color: string; title: string; text: string } | null>(null);

  // Form fields.
  const [group, setGroup] = useState('service-desk');
  const [assignee, setAssignee] = useState(session?.subject ?? '');
  const [holdReason, setHoldReason] = useState(HOLD_REASONS[0]);
  const [code, setCode] = useState(RESOLUTION_CODES[0]);
  const [notes, setNotes] = useState('');
  const [reason, setReason] = useState('');
  const [escalation, setEscalation] = useState<'functional' | 'hierarchical'>('hierarchical');
  const [escalateGroup, setEscalateGroup] = useState('');
  const [justification, setJustification] = useState('');
  const [entry, setEntry] = useState('');
  const [minutes, setMinutes] = useState<number | string>(15);

  if (incident.isPending) return <Text aria-live="polite">Loading {id}…</Text>;
  if (incident.isError)
    return (
      <Alert color="red" title={`Cannot read ${id}`} role="alert">
        {describeError(incident.error)}
      </Alert>
    );
  const current = incident.data.data;
  const etag = incident.data.etag;
  const path = `/incidents/${current.id}`;
  const canWork = hasAny(session, CAN.workIncidents);

  const act = async (name: string, command: string, body: unknown, done?: () => void) => {
    setBusy(name);
    setNotice(null);
    try {
      const answer = await request<Incident>(`${path}/${command}`, { method: 'POST', body, ifMatch: etag });
      client.setQueryData(['incident', id], answer);
      done?.();
      setNotice({ color: 'green', title: 'Done', text: `${name}: ${answer.data.number} is ${answer.data.state}.` });
    } catch (error) {
      if (error instanceof ApiError && error.isStale) {
        setNotice({
          color: 'orange',
          title: 'Someone else changed this incident',
          text: `${current.number} changed since you opened it, so “${name}” was not applied. It has been reloaded: check it and try again.`,
        });
      } else {
        setNotice({ color: 'red', title: `${name} was refused`, text: describeError(error) });
      }
      await client.invalidateQueries({ queryKey: ['incident', id], exact: true });
    } finally {
      setBusy(null);
      void client.invalidateQueries({ queryKey: ['incident', id, 'sla'] });
      void client.invalidateQueries({ queryKey: ['incident', id, 'history'] });
      void client.invalidateQueries({ queryKey: ['incidents'] });
    }
  };

  const is = (...states: string[]) => states.includes(current.state);
  const open = is(...OPEN);
  const form = (name: string) => busy === name;

  return (
    <Stack>
      <Anchor component={Link} href="/incidents" size="sm">
        ← Incident queue
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {current.number}: {current.shortDescription}
          </Title>
          <Group gap="xs">
            <Badge color={priorityColor(current.priority)} variant="filled">
              {current.priority}
            </Badge>
            <Badge variant="outline" color="dark" data-testid="incident-state">
              {current.state}
            </Badge>
            {current.holdReason && <Badge color="gray.7">{current.holdReason}</Badge>}
            {current.majorStatus !== 'none' && <Badge color="grape.9">major: {current.majorStatus}</Badge>}
            <Text size="sm">revision {etag ?? current.revision}</Text>
          </Group>
        </Stack>
      </Group>
      {notice && (
        <Alert color={notice.color} title={notice.title} role={notice.color === 'green' ? 'status' : 'alert'} withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          SLA
        </Title>
        {sla.isError ? <Text c="red.9">{describeError(sla.error)}</Text> : sla.data ? <SlaClocks timers={sla.data.timers} fetchedAt={sla.data.fetchedAt} live /> : <Text>Loading…</Text>}
      </Paper>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              Details
            </Title>
            <Table variant="vertical" withRowBorders={false}>
              <Table.Tbody>
                {[
                  ['Description', current.description],
                  ['Caller', current.callerId],
                  ['Impact / urgency', `${current.impact} / ${current.urgency}`],
                  ['Assignment group', current.assignmentGroup ?? '—'],
                  ['Assignee', current.assignee ?? '—'],
                  ['Escalation level', String(current.escalationLevel)],
                  ['Resolution', current.resolution ? `${current.resolution.code}${current.resolution.notes ? ` — ${current.resolution.notes}` : ''}` : '—'],
                  ['Work log', `${current.workLog.entries} entries, ${current.workLog.minutesSpent} min`],
                  ['Opened', dateTime(current.openedAt)],
                  ['Reopened', `${current.reopenCount} times`],
                ].map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Th scope="row" w={150}>
                      {label}
                    </Table.Th>
                    <Table.Td>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {canWork || hasAny(session, CAN.reopen) ? (
            <Stack gap="xs" component="section" aria-label="Actions">
              <Title order={2} size="h4">
                Actions
              </Title>
              <Grid>
                {canWork && is('new', 'assigned', 'in-progress', 'on-hold') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Assign" label="Assign" busy={form('Assign')} submit={() => void act('Assign', 'assign', { assignmentGroup: group, ...(assignee ? { assignee } : {}) })}>
                      <TextInput label="Assignment group" value={group} onChange={(e) => setGroup(e.currentTarget.value)} required />
                      <TextInput label="Assignee" value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)} />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && is('new', 'assigned') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Start work" label="Start" busy={form('Start')} submit={() => void act('Start', 'start', current.assignmentGroup ? {} : { assignmentGroup: group, ...(assignee ? { assignee } : {}) })}>
                      <Text size="xs">Meets the response SLA{current.assignmentGroup ? '' : `; takes it for ${group}`}.</Text>
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && is('assigned', 'in-progress') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Put on hold" label="Hold" busy={form('Hold')} submit={() => void act('Hold', 'hold', { reason: holdReason })}>
                      <NativeSelect label="Hold reason" data={HOLD_REASONS} value={holdReason} onChange={(e) => setHoldReason(e.currentTarget.value)} />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && is('on-hold') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Resume work" label="Resume" busy={form('Resume')} submit={() => void act('Resume', 'resume', {})}>
                      <Text size="xs">The resolution SLA continues.</Text>
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && open && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Resolve" label="Resolve" busy={form('Resolve')} submit={() => void act('Resolve', 'resolve', { code, ...(notes ? { notes } : {}) })}>
                      <NativeSelect label="Resolution code" data={RESOLUTION_CODES} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
                      <Textarea label="Resolution notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && is('resolved') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Close" label="Close" busy={form('Close')} submit={() => void act('Close', 'close', {})} />
                  </Grid.Col>
                )}
                {is('resolved') && hasAny(session, CAN.reopen) && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Reopen" label="Reopen" busy={form('Reopen')} submit={() => void act('Reopen', 'reopen', { reason }, () => setReason(''))}>
                      <TextInput label="Reopen reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && open && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm
                      title="Escalate"
                      label="Escalate"
                      busy={form('Escalate')}
                      submit={() =>
                        void act('Escalate', 'escalate', { kind: escalation, ...(escalation === 'functional' ? { assignmentGroup: escalateGroup } : {}), ...(reason ? { reason } : {}) })
                      }
                    >
                      <NativeSelect label="Kind" data={['hierarchical', 'functional']} value={escalation} onChange={(e) => setEscalation(e.currentTarget.value as 'functional' | 'hierarchical')} />
                      {escalation === 'functional' && <TextInput label="To group" value={escalateGroup} onChange={(e) => setEscalateGroup(e.currentTarget.value)} required />}
                      <TextInput label="Escalation reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && open && (current.majorStatus === 'none' || current.majorStatus === 'rejected') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Propose as major incident" label="Propose major" busy={form('Propose major')} submit={() => void act('Propose major', 'major', { action: 'propose', justification })}>
                      <TextInput label="Justification" value={justification} onChange={(e) => setJustification(e.currentTarget.value)} required />
                    </ActionForm>
                  </Grid.Col>
                )}
                {hasAny(session, CAN.acceptMajor) && current.majorStatus === 'proposed' && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Decide the major incident" label="Accept major" busy={form('Accept major')} submit={() => void act('Accept major', 'major', { action: 'accept' })}>
                      <Group gap="xs">
                        <TextInput label="Rejection reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                        <Button variant="default" size="xs" mt="lg" onClick={() => void act('Reject major', 'major', { action: 'reject', reason })}>
                          Reject major
                        </Button>
                      </Group>
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && !is('closed', 'cancelled') && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm
                      title="Work log"
                      label="Add to work log"
                      busy={form('Work log')}
                      submit={() => void act('Work log', 'worklog', { entry, minutesSpent: Number(minutes) || 0 }, () => setEntry(''))}
                    >
                      <Textarea label="Entry" value={entry} onChange={(e) => setEntry(e.currentTarget.value)} required autosize minRows={2} />
                      <NumberInput label="Minutes spent" value={minutes} onChange={setMinutes} min={0} max={10080} />
                    </ActionForm>
                  </Grid.Col>
                )}
                {canWork && open && (
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ActionForm title="Cancel the incident" label="Cancel incident" busy={form('Cancel')} submit={() => void act('Cancel', 'cancel', { reason })}>
                      <TextInput label="Cancel reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
                    </ActionForm>
                  </Grid.Col>
                )}
              </Grid>
            </Stack>
          ) : (
            <Text>Your roles let you read this incident, not work it.</Text>
          )}
        </Grid.Col>
      </Grid>
      <TimeTravel id={id} openedAt={current.openedAt} history={history.data?.data.items ?? []} />
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Field history
        </Title>
        {history.isError && <Text c="red.9">{describeError(history.error)}</Text>}
        <div style={{ overflowX: 'auto' }}>
          <Table striped miw={640} data-testid="history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">Field</Table.Th>
                <Table.Th scope="col">From</Table.Th>
                <Table.Th scope="col">To</Table.Th>
                <Table.Th scope="col">Event</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(history.data?.data.items ?? []).map((line, index) => (
                <Table.Tr key={`${line.revision}-${line.field}-${index}`}>
                  <Table.Td>{dateTime(line.at)}</Table.Td>
                  <Table.Td>{line.actor}</Table.Td>
                  <Table.Td>{line.field}</Table.Td>
                  <Table.Td>{line.oldValue ?? '—'}</Table.Td>
                  <Table.Td>{line.newValue ?? '—'}</Table.Td>
                  <Table.Td>{line.eventType}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
    </Stack>
  );
}

/** A slider over the moments the incident changed: the incident and its SLA timers as they were then (`?asOf`). */
function TimeTravel({ id, openedAt, history }: { id: string; openedAt: string; history: HistoryLine[] }) {
  const moments = [...new Set([openedAt, ...history.map((line) => line.at)])].sort();
  const [picked, setPicked] = useState<number | null>(null);
  const index = picked === null ? moments.length - 1 : Math.min(picked, moments.length - 1);
  const asOf = moments[index];
  // The state after the change at `asOf` and before the next one: a change is recorded a few ms after its time, so
  // asking at the very moment can precede it. The last moment is the incident as it is now (no asOf).
  const until = index < moments.length - 1 ? new Date(Date.parse(moments[index + 1]) - 1).toISOString() : undefined;
  const past = useQuery({
    queryKey: ['incident', id, 'asOf', until ?? `now:${moments.length}`],
    queryFn: async () => {
      const [incident, sla] = await Promise.all([
        request<Incident>(`/incidents/${encodeURIComponent(id)}`, { query: { asOf: until } }),
        request<{ timers: SlaTimer[] }>(`/incidents/${encodeURIComponent(id)}/sla`, { query: { asOf: until } }),
      ]);
      return { incident: incident.data, timers: sla.data.timers };
    },
    enabled: !!asOf,
  });
  return (
    <Paper withBorder p="sm" component="section" aria-label="Time travel">
      <Title order={2} size="h4" mb="xs">
        Time travel
      </Title>
      <Text size="sm" mb="xs">
        Move the slider (or focus it and use the arrow keys) to see the incident as it was after each change.
      </Text>
      {moments.length > 1 ? (
        <Slider
          min={0}
          max={moments.length - 1}
          step={1}
          value={index}
          onChange={setPicked}
          label={(value) => dateTime(moments[value])}
          thumbLabel="Point in time"
          marks={moments.map((_, value) => ({ value }))}
          mb="md"
          data-testid="time-travel"
        />
      ) : (
        <Text size="sm">Only one moment so far.</Text>
      )}
      <Text size="sm" aria-live="polite" data-testid="as-of">
        As of {dateTime(asOf)}:{' '}
        {past.data
          ? `state ${past.data.incident.state}, priority ${past.data.incident.priority}, group ${past.data.incident.assignmentGroup ?? '—'}, assignee ${past.data.incident.assignee ?? '—'}; ` +
            past.data.timers.map((t) => `${t.kind} ${t.state}`).join(', ')
          : past.isError
            ? describeError(past.error)
            : '…'}
      </Text>
    </Paper>
  );
}
