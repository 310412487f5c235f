import { Alert, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { describeError, get, type Page } from '../api';
import { dateTime } from '../format';
import { CAN, hasAny, useSession } from '../session';
import { ControlFindings } from './control-findings';
import { RecordTimeline } from './record-timeline';

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

/**
 * Audit: the latest verification of the log and the signed checkpoints; for auditors (findings and events name people)
 * the control-check findings and a record's event timeline, which a finding's cited events link to.
 */
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
      {hasAny(session, CAN.readAuditEvents) ? (
        <>
          <ControlFindings />
          <RecordTimeline />
        </>
      ) : (
        <Text size="sm">The control-check findings and a record’s events take the auditor role.</Text>
      )}
    </Stack>
  );
}
