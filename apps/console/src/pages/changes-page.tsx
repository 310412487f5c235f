import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Tabs, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, describeError, get, request, type Page } from '../api';
import { dateTime } from '../format';
import { CAN, hasAny, useSession } from '../session';

interface Conflict {
  kind: string;
  detail: string;
  changeNumber?: string;
  incidentNumber?: string;
}
interface ScheduledChange {
  id: string;
  number: string;
  type: string;
  state: string;
  shortDescription: string;
  riskLevel?: string | null;
  plannedStart: string;
  plannedEnd: string;
  conflicts: Conflict[];
}
interface FreezeWindow {
  id: string;
  name: string;
  from: string;
  to: string;
  state: string;
  reason: string;
}
interface ChangeListItem {
  id: string;
  number: string;
  type: string;
  state: string;
  shortDescription: string;
  riskLevel: string | null;
  approvalStatus: string | null;
}
interface Stage {
  name: string;
  quorum: number;
  approvers: string[];
  veto: boolean;
  status: string;
  decisions: Array<{ approver: string; decision: string; comment?: string }>;
}
interface Change {
  id: string;
  number: string;
  shortDescription: string;
  state: string;
  materialHash: string;
  risk: { level: string; policyVersion: string; reasons: string[]; ruleLevel: string; questionnaireLevel: string; firedRules: Array<string | { id?: string; reason?: string }> } | null;
  approvals: { round: number; status: string; currentStage: string | null; stages: Stage[] } | null;
}

const DAY = 86_400_000;

/** The forward schedule drawn as bars on a day axis, freeze windows shaded behind them. */
function ScheduleChart({ changes, freezes, from, to }: { changes: ScheduledChange[]; freezes: FreezeWindow[]; from: number; to: number }) {
  const width = 900;
  const rowHeight = 26;
  const height = 30 + Math.max(1, changes.length) * rowHeight;
  const x = (t: number) => ((Math.min(Math.max(t, from), to) - from) / (to - from)) * width;
  const days = Math.round((to - from) / DAY);
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-labelledby="schedule-title" data-testid="schedule-chart">
        <title id="schedule-title">Forward schedule of changes with freeze windows</title>
        {freezes.filter((f) => f.state !== 'lifted').map((f) => (
          <rect key={f.id} x={x(Date.parse(f.from))} y={0} width={Math.max(2, x(Date.parse(f.to)) - x(Date.parse(f.from)))} height={height} fill="#ffe3e3" />
        ))}
        {Array.from({ length: days + 1 }, (_, d) => (
          <line key={d} x1={(d / days) * width} x2={(d / days) * width} y1={0} y2={height} stroke="#dee2e6" />
        ))}
        {changes.map((c, row) => (
          <g key={c.id}>
            <rect x={x(Date.parse(c.plannedStart))} y={24 + row * rowHeight} width={Math.max(4, x(Date.parse(c.plannedEnd)) - x(Date.parse(c.plannedStart)))} height={18} fill={c.conflicts.length ? '#c92a2a' : '#1864ab'} />
            <text x={x(Date.parse(c.plannedStart)) + 6} y={37 + row * rowHeight} fontSize={12} fill="#212529" dy={-16}>
              {c.number}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

function Schedule() {
  const [from] = useState(() => new Date(Date.now() - DAY).toISOString());
  const [to] = useState(() => new Date(Date.now() + 30 * DAY).toISOString());
  const schedule = useQuery({ queryKey: ['schedule', from, to], queryFn: () => get<Page<ScheduledChange>>('/changes/schedule', { from, to, limit: 100 }) });
  const freezes = useQuery({ queryKey: ['freezes', from, to], queryFn: () => get<Page<FreezeWindow>>('/freeze-windows', { from, to, limit: 100 }) });
  if (schedule.isError) return <Alert color="red" role="alert" title="The schedule could not be read">{describeError(schedule.error)}</Alert>;
  const changes = schedule.data?.items ?? [];
  return (
    <Stack>
      <Text size="sm">
        From {dateTime(from)} to {dateTime(to)}: blue bars are scheduled changes, red ones have conflicts, shaded columns are freeze windows.
      </Text>
      <ScheduleChart changes={changes} freezes={freezes.data?.items ?? []} from={Date.parse(from)} to={Date.parse(to)} />
      <div style={{ overflowX: 'auto' }}>
        <Table striped miw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col">Window</Table.Th>
              <Table.Th scope="col">State</Table.Th>
              <Table.Th scope="col">Conflicts</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>No change scheduled in this range.</Table.Td>
              </Table.Tr>
            )}
            {changes.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {c.number} {c.shortDescription}
                </Table.Td>
                <Table.Td>
                  {dateTime(c.plannedStart)} – {dateTime(c.plannedEnd)}
                </Table.Td>
                <Table.Td>{c.state}</Table.Td>
                <Table.Td>{c.conflicts.length ? c.conflicts.map((k) => `${k.kind}: ${k.detail}`).join('; ') : 'none'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Title order={3} size="h5">
        Freeze windows
      </Title>
      {(freezes.data?.items ?? []).map((f) => (
        <Text key={f.id} size="sm">
          {f.name}: {dateTime(f.from)} – {dateTime(f.to)} ({f.state}) — {f.reason}
        </Text>
      ))}
    </Stack>
  );
}

/** A change's approval stages with quorum progress, its risk explanation, and approve / reject for a CAB member. */
function ChangeReview({ id, canDecide }: { id: string; canDecide: boolean }) {
  const client = useQueryClient();
  const change = useQuery({ queryKey: ['change', id], queryFn: () => request<Change>(`/changes/${id}`) });
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  if (!change.data) return <Text>{change.isError ? describeError(change.error) : 'Loading…'}</Text>;
  const { data: current, etag } = change.data;
  const decide = async (decision: 'approve' | 'reject') => {
    try {
      await request(`/changes/${id}/approvals`, { method: 'POST', ifMatch: etag, body: { decision, seenHash: current.materialHash, ...(comment ? { comment } : {}) } });
      setNotice(`${decision === 'approve' ? 'Approved' : 'Rejected'} ${current.number}.`);
    } catch (error) {
      setNotice(error instanceof ApiError && error.isStale ? `Someone else changed ${current.number}: it has been reloaded, look again.` : describeError(error));
    }
    await client.invalidateQueries({ queryKey: ['change', id] });
    await client.invalidateQueries({ queryKey: ['inbox'] });
  };
  return (
    <Stack gap="xs">
      {current.risk ? (
        <Stack gap={2} component="section" aria-label="Risk explanation">
          <Text fw={600}>
            Risk {current.risk.level} (rules: {current.risk.ruleLevel}, questionnaire: {current.risk.questionnaireLevel}; policy {current.risk.policyVersion})
          </Text>
          {current.risk.reasons.map((r) => (
            <Text key={r} size="sm">
              • {r}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm">Not assessed yet.</Text>
      )}
      {(current.approvals?.stages ?? []).map((stage) => {
        const approvals = stage.decisions.filter((d) => d.decision === 'approve').length;
        return (
          <Stack key={stage.name} gap={2}>
            <Group justify="space-between">
              <Text size="sm">
                {stage.name}: {approvals} of {stage.quorum} approvals{stage.veto ? ', any rejection vetoes' : ''}
              </Text>
              <Badge variant="outline" color="dark">
                {stage.status}
              </Badge>
            </Group>
            <Progress value={Math.min(100, (approvals / Math.max(1, stage.quorum)) * 100)} aria-label={`${stage.name} quorum progress`} />
          </Stack>
        );
      })}
      {canDecide && current.state === 'authorize' && (
        <Group align="end">
          <Textarea label="Comment (required to reject)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize w={320} />
          <Button onClick={() => void decide('approve')}>Approve</Button>
          <Button color="red.9" onClick={() => void decide('reject')}>
            Reject
          </Button>
        </Group>
      )}
      {notice && (
        <Text role="status" size="sm">
          {notice}
        </Text>
      )}
    </Stack>
  );
}

function Inbox({ canDecide }: { canDecide: boolean }) {
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => get<Page<ChangeListItem>>('/changes', { state: 'authorize', limit: 50 }) });
  if (inbox.isError) return <Alert color="red" role="alert" title="The inbox could not be read">{describeError(inbox.error)}</Alert>;
  const items = inbox.data?.items ?? [];
  return (
    <Stack>
      {items.length === 0 && <Text>No change awaits approval.</Text>}
      {items.map((c) => (
        <Paper key={c.id} withBorder p="sm" component="section" aria-label={c.number}>
          <Title order={3} size="h5" mb="xs">
            {c.number} {c.shortDescription} ({c.type}, risk {c.riskLevel ?? 'not assessed'})
          </Title>
          <ChangeReview id={c.id} canDecide={canDecide} />
        </Paper>
      ))}
    </Stack>
  );
}

/** Changes: the forward schedule with conflicts and freeze windows; the approval inbox with quorum and risk. */
export default function ChangesPage() {
  const { session } = useSession();
  const seesSchedule = hasAny(session, CAN.readSchedule);
  const canDecide = hasAny(session, CAN.approveChanges);
  return (
    <Stack>
      <Title order={1} size="h2">
        Changes
      </Title>
      <Tabs defaultValue={seesSchedule ? 'schedule' : 'inbox'} keepMounted={false}>
        <Tabs.List>
          {seesSchedule && <Tabs.Tab value="schedule">Forward schedule</Tabs.Tab>}
          <Tabs.Tab value="inbox">{canDecide ? 'Approval inbox' : 'Awaiting approval'}</Tabs.Tab>
        </Tabs.List>
        {seesSchedule && (
          <Tabs.Panel value="schedule" pt="sm">
            <Schedule />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="inbox" pt="sm">
          <Inbox canDecide={canDecide} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
