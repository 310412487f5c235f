import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError, get, type Page } from '../api';
import { dateTime } from '../format';
import { CAN, hasAny, useSession } from '../session';

interface AuditEvent {
  position: number | string;
  eventId: string;
  streamId: string;
  revision: number | string;
  type: string;
  recordedAt?: string;
  time?: string;
  actor?: string | null;
  correlationId?: string | null;
}
interface Verification {
  ok?: boolean;
  status?: string;
  [key: string]: unknown;
}
interface Checkpoint {
  treeSize: number;
  rootHash?: string;
  root?: string;
  signedAt?: string;
  time?: string;
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
                  <Table.Td>{String(e.position)}</Table.Td>
                  <Table.Td>{dateTime(e.recordedAt ?? e.time)}</Table.Td>
                  <Table.Td>{e.type}</Table.Td>
                  <Table.Td>{e.actor ?? '—'}</Table.Td>
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
  const ok = verify.data && (verify.data.ok === true || verify.data.status === 'ok');
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
            <Badge color={ok ? 'green.9' : 'red.9'} variant="filled" data-testid="verification-status">
              {ok ? 'verified' : 'not verified'}
            </Badge>
            <Code block>{JSON.stringify(verify.data, null, 2)}</Code>
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
                  <Table.Td style={{ wordBreak: 'break-all' }}>{c.rootHash ?? c.root ?? '—'}</Table.Td>
                  <Table.Td>{dateTime(c.signedAt ?? c.time)}</Table.Td>
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
