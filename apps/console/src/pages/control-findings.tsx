import { Anchor, Badge, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { describeError, get } from '../api';
import { recordPageHref, timelineHref } from './audit-links';

interface Evidence {
  eventId: string;
  type: string;
  globalPosition: number;
  recordedAt: string;
}
interface ControlFinding {
  control: string;
  streamId: string;
  number: string | null;
  summary: string;
  eventIds: string[];
  evidence: Evidence[];
}
interface ControlSummary {
  id: string;
  title: string;
  rule: string;
  findings: number;
}
interface ControlReport {
  eventsRead: number;
  lastPosition: number | null;
  controls: ControlSummary[];
  findings: ControlFinding[];
}

function FindingsTable({ findings }: { findings: ControlFinding[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Record</Table.Th>
            <Table.Th scope="col">Finding</Table.Th>
            <Table.Th scope="col">Cited events</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((finding) => {
            const page = recordPageHref(finding.streamId);
            const label = finding.number ?? finding.streamId;
            return (
              <Table.Tr key={`${finding.control}-${finding.streamId}-${finding.eventIds.join()}`} data-testid="control-finding">
                <Table.Td>
                  {page ? (
                    <Anchor component={Link} href={page}>
                      {label}
                    </Anchor>
                  ) : (
                    <Text span>{label}</Text>
                  )}
                </Table.Td>
                <Table.Td>{finding.summary}</Table.Td>
                <Table.Td>
                  <List size="sm" listStyleType="none" spacing={2}>
                    {finding.evidence.map((cited) => (
                      <List.Item key={cited.eventId}>
                        {cited.type}:{' '}
                        <Anchor component={Link} href={timelineHref(finding.streamId, cited.eventId)} style={{ wordBreak: 'break-all' }} aria-label={`${cited.type} ${cited.eventId} in the timeline of ${label}`}>
                          {cited.eventId}
                        </Anchor>
                      </List.Item>
                    ))}
                  </List>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** `GET /audit/controls`: each control with its rule, and its findings with the record and the events they cite. */
export function ControlFindings() {
  const report = useQuery({ queryKey: ['audit-controls'], queryFn: () => get<ControlReport>('/audit/controls') });
  return (
    <Paper withBorder p="sm" component="section" aria-label="Control checks">
      <Title order={2} size="h4" mb="xs">
        Control-check findings
      </Title>
      {report.isError && <Text c="red.9">{describeError(report.error)}</Text>}
      {!report.data && !report.isError && <Text>Loading…</Text>}
      {report.data && (
        <Stack>
          <Text size="sm" data-testid="controls-read">
            {report.data.findings.length} findings over {report.data.eventsRead} events{report.data.lastPosition === null ? '' : ` (up to position ${report.data.lastPosition})`}.
          </Text>
          {report.data.controls.map((control) => {
            const findings = report.data.findings.filter((finding) => finding.control === control.id);
            return (
              <Stack key={control.id} gap={4} component="section" aria-label={control.title} data-testid={`control-${control.id}`}>
                <Group gap="xs">
                  <Title order={3} size="h5">
                    {control.title}
                  </Title>
                  <Badge color={findings.length > 0 ? 'red.9' : '#1e6b30'} variant="filled">
                    {findings.length === 0 ? 'no findings' : findings.length === 1 ? '1 finding' : `${findings.length} findings`}
                  </Badge>
                </Group>
                <Text size="sm">{control.rule}</Text>
                {findings.length > 0 && <FindingsTable findings={findings} />}
              </Stack>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
