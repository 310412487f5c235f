import { Alert, Badge, Grid, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError, get, type Page } from '../api';

interface Service {
  id: string;
  number: string;
  name: string;
  kind: string;
  lifecycle: string;
  criticality?: string;
  ownerGroup: string;
  supportGroup: string;
  dependsOn: string[];
}
interface Offering {
  id: string;
  name: string;
  calendarId: string;
  default: boolean;
  slaTargets: Record<string, { responseMinutes: number; resolutionMinutes: number }>;
}
interface Calendar {
  id: string;
  number: string;
  name: string;
  timeZone: string;
  weeklyHours: Array<{ day: string; from: string; to: string }>;
  holidays: string[];
}

/** Services in layers by dependency depth: a service sits one layer right of the deepest one it depends on. */
const layers = (services: Service[]): Map<string, number> => {
  const byId = new Map(services.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const visit = (id: string, trail: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (trail.has(id)) return 0;
    trail.add(id);
    const deps = byId.get(id)?.dependsOn.filter((d) => byId.has(d)) ?? [];
    const value = deps.length ? Math.max(...deps.map((d) => visit(d, trail))) + 1 : 0;
    depth.set(id, value);
    return value;
  };
  for (const s of services) visit(s.id, new Set());
  return depth;
};

/** The dependency graph as SVG: an arrow from each service to what it depends on. */
function DependencyGraph({ services, selected }: { services: Service[]; selected: string }) {
  const depth = layers(services);
  const columns = new Map<number, Service[]>();
  for (const s of services) columns.set(depth.get(s.id) ?? 0, [...(columns.get(depth.get(s.id) ?? 0) ?? []), s]);
  const W = 170;
  const H = 56;
  const position = new Map<string, { x: number; y: number }>();
  for (const [column, members] of columns) members.forEach((s, row) => position.set(s.id, { x: 10 + column * (W + 50), y: 10 + row * (H + 20) }));
  const width = 20 + (Math.max(0, ...columns.keys()) + 1) * (W + 50);
  const height = 20 + Math.max(1, ...[...columns.values()].map((m) => m.length)) * (H + 20);
  const edges = services.flatMap((s) => s.dependsOn.filter((d) => position.has(d)).map((d) => ({ from: s.id, to: d })));
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg width={width} height={height} role="img" aria-labelledby="graph-title graph-desc" data-testid="dependency-graph">
        <title id="graph-title">Service dependency graph</title>
        <desc id="graph-desc">
          {edges.length === 0 ? 'No dependencies.' : edges.map((e) => `${services.find((s) => s.id === e.from)?.name} depends on ${services.find((s) => s.id === e.to)?.name}`).join('. ')}
        </desc>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
          </marker>
        </defs>
        {edges.map((e) => {
          const a = position.get(e.from) as { x: number; y: number };
          const b = position.get(e.to) as { x: number; y: number };
          return <line key={`${e.from}-${e.to}`} x1={a.x} y1={a.y + H / 2} x2={b.x + W} y2={b.y + H / 2} stroke="#495057" strokeWidth={1.5} markerEnd="url(#arrow)" />;
        })}
        {services.map((s) => {
          const p = position.get(s.id) as { x: number; y: number };
          return (
            <g key={s.id} transform={`translate(${p.x},${p.y})`}>
              <rect width={W} height={H} rx={6} fill={s.id === selected ? '#d0ebff' : '#f8f9fa'} stroke={s.id === selected ? '#1864ab' : '#868e96'} />
              <text x={10} y={22} fontSize={14} fontWeight={600} fill="#212529">
                {s.name.slice(0, 20)}
              </text>
              <text x={10} y={42} fontSize={12} fill="#495057">
                {s.number} · {s.lifecycle}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The catalog: services, a service's offerings with their SLA targets and its impact, calendars, the dependency graph. */
export default function CatalogPage() {
  const services = useQuery({ queryKey: ['services'], queryFn: () => get<Page<Service>>('/services', { limit: 100 }) });
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: () => get<Page<Calendar>>('/calendars', { limit: 100 }) });
  const all = services.data?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked ?? all[0]?.id ?? '';
  const offerings = useQuery({ queryKey: ['offerings', selected], queryFn: () => get<Offering[] | Page<Offering>>(`/services/${selected}/offerings`), enabled: !!selected });
  const offeringList = Array.isArray(offerings.data) ? offerings.data : (offerings.data?.items ?? []);
  const calendarName = (id: string) => calendars.data?.items.find((c) => c.id === id)?.name ?? id;
  return (
    <Stack>
      <Title order={1} size="h2">
        Service catalog
      </Title>
      {services.isError && (
        <Alert color="red" role="alert" title="The catalog could not be read">
          {describeError(services.error)}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Services
        </Title>
        <div style={{ overflowX: 'auto' }}>
          <Table striped miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Number</Table.Th>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Lifecycle</Table.Th>
                <Table.Th scope="col">Criticality</Table.Th>
                <Table.Th scope="col">Owner / support</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {all.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.number}</Table.Td>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{s.kind}</Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="dark">
                      {s.lifecycle}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{s.criticality ?? '—'}</Table.Td>
                  <Table.Td>
                    {s.ownerGroup} / {s.supportGroup}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Paper>
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          Dependency graph
        </Title>
        <DependencyGraph services={all} selected={selected} />
      </Paper>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              Offerings and SLA targets
            </Title>
            <NativeSelect label="Service" data={all.map((s) => ({ value: s.id, label: `${s.number} ${s.name}` }))} value={selected} onChange={(e) => setPicked(e.currentTarget.value)} mb="xs" />
            {offeringList.length === 0 && <Text size="sm">No offerings.</Text>}
            {offeringList.map((o) => (
              <div key={o.id} style={{ overflowX: 'auto' }}>
                <Text fw={600}>
                  {o.name}
                  {o.default ? ' (default)' : ''} · calendar {calendarName(o.calendarId)}
                </Text>
                <Table miw={360} mb="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Priority</Table.Th>
                      <Table.Th scope="col">Response (min)</Table.Th>
                      <Table.Th scope="col">Resolution (min)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {Object.entries(o.slaTargets).map(([priority, target]) => (
                      <Table.Tr key={priority}>
                        <Table.Td>{priority}</Table.Td>
                        <Table.Td>{target.responseMinutes}</Table.Td>
                        <Table.Td>{target.resolutionMinutes}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              Calendars
            </Title>
            {(calendars.data?.items ?? []).map((c) => (
              <Stack key={c.id} gap={2} mb="sm">
                <Text fw={600}>
                  {c.number} {c.name} ({c.timeZone})
                </Text>
                <Text size="sm">{c.weeklyHours.map((h) => `${h.day} ${h.from}–${h.to}`).join(', ')}</Text>
                <Text size="sm">Holidays: {c.holidays.length ? c.holidays.join(', ') : 'none'}</Text>
              </Stack>
            ))}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
