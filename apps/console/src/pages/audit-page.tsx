import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, get, type Page } from '../api';
import { dateTime } from '../format';
import { CAN, hasAny, useSession } from '../session';

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
interface Verification {
  ok: boolean;
  source: string;
  finishedAt: string;
  result: { notes?: string[]; events?: number; streams?: number; firstFailure?: unknown; checkpoints?: { found: number; checked: number } };
}
interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyName: string;
}

function Timeline() {
  const [input, setInput] = useState('');
  const [streamId, setStreamId] = useState('');
  const events = useQuery({ queryKey: ['audit-events', streamId], queryFn: () => get<Page<AuditEvent>>('/audit/events', { streamId, limit: 200 }), enabled: !!streamId });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStreamId(input.trim());
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
      {events.data && (
        <div style={{ overflowX: 'auto' }}>
          <Table striped miw={720} mt="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Position</Table.Th>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Actor</Table.Th>
                <Table.Th scope="col">Correlation</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((e) => (
                <Table.Tr key={e.eventId}>
                  <Table.Td>{e.globalPosition}</Table.Td>
                  <Table.Td>{dateTime(e.recordedAt)}</Table.Td>
                  <Table.Td>
                    {e.type} (revision {e.streamRevision})
                  </Table.Td>
                  <Table.Td>{e.actor ? `${e.actor.id}${e.actor.role ? ` (${e.actor.role})` : ''}` : '—'}</Table.Td>
                  <Table.Td>{e.correlationId ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}

/** Audit: a record's event timeline (auditors), the latest verification of the log and the signed checkpoints. */
export default function AuditPage() {
  const { session } = useSession();
  const verify = useQuery({ queryKey: ['audit-verify'], queryFn: () => get<Verification>('/audit/verify') });
  const checkpoints = useQuery({ queryKey: ['audit-checkpoints'], queryFn: () => get<Page<Checkpoint>>('/audit/checkpoints', { limit: 20 }) });
  const ok = verify.data?.ok === true;
  return (
    <Stack>
      <Title order={1} size="h2">
        Audit
      </Title>
      <Paper withBorder p="sm" component="section" aria-label="Verification">
        <Title order={2} size="h4" mb="xs">
          Verification
        </Title>
        {verify.isError ? (
          <Alert color="gray" title="No verification to show">
            {describeError(verify.error)}
          </Alert>
        ) : verify.data ? (
          <Stack gap={4}>
            <Badge color={ok ? '#1e6b30' : 'red.9'} variant="filled" data-testid="verification-status">
              {ok ? 'verified' : 'not verified'}
            </Badge>
            <Text size="sm">
              {verify.data.source} run finished {dateTime(verify.data.finishedAt)}: {verify.data.result.events ?? 0} events in {verify.data.result.streams ?? 0} streams,{' '}
              {verify.data.result.checkpoints?.checked ?? 0} checkpoints checked.
            </Text>
            {(verify.data.result.notes ?? []).map((note) => (
              <Text key={note} size="sm">
                {note}
              </Text>
            ))}
            {verify.data.result.firstFailure ? <Code block>{JSON.stringify(verify.data.result.firstFailure, null, 2)}</Code> : null}
          </Stack>
        ) : (
          <Text>Loading…</Text>
        )}
      </Paper>
      <Paper withBorder p="sm" component="section" aria-label="Checkpoints">
        <Title order={2} size="h4" mb="xs">
          Signed checkpoints
        </Title>
        {checkpoints.isError && <Text c="red.9">{describeError(checkpoints.error)}</Text>}
        <div style={{ overflowX: 'auto' }}>
          <Table striped miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Tree size</Table.Th>
                <Table.Th scope="col">Root</Table.Th>
                <Table.Th scope="col">Signed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(checkpoints.data?.items ?? []).map((c) => (
                <Table.Tr key={c.treeSize}>
                  <Table.Td>{c.treeSize}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{c.rootHash}</Table.Td>
                  <Table.Td>
                    {dateTime(c.signedAt)} ({c.keyName})
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
      {hasAny(session, CAN.readAuditEvents) ? <Timeline /> : <Text size="sm">Reading a record’s events takes the auditor role.</Text>}
    </Stack>
  );
}
