import { CATALOG_ROUTES, seededPath } from './catalog-routes';
import { adminOnly, type CaseTargets, type MalformedCase } from './malformed-case';

const cursorOf = (json: string) => Buffer.from(json, 'utf8').toString('base64url');

/** Query strings every paginated list refuses. */
const PAGE_FAULTS: readonly string[] = [
  'limit=-1',
  'limit=0',
  'limit=abc',
  'limit=10000',
  'limit=101',
  'limit=1.5',
  'limit=',
  'limit=NaN',
  'limit=Infinity',
  'limit=1&limit=2',
  'limit[]=1',
  'cursor=',
  'cursor=garbage!',
  'cursor=%00',
  'cursor=abc',
  `cursor=${'A'.repeat(513)}`,
  `cursor=${cursorOf('{"n":"x"}')}`,
  `cursor=${cursorOf('{"n":-5}')}`,
  `cursor=${cursorOf('{"p":1.5}')}`,
  `cursor=${cursorOf('{"n":1e400}')}`,
  `cursor=${cursorOf('[]')}`,
  `cursor=${cursorOf('null')}`,
  `cursor=${cursorOf('{}')}`,
  `cursor=${cursorOf('{"n":1,"p":1,"extra":"x"}')}`,
  `cursor=${cursorOf('{"n":99999999999999999999}')}`,
  'cursor=a&cursor=b',
  'unknown=1',
  '__proto__=x',
  '__proto__[polluted]=1',
  'constructor=x',
  'prototype=1',
];

/** Query parameters on reads that take none: refused like unknown body fields, not ignored. */
const NO_QUERY_FAULTS: readonly string[] = ['unknown=1', '__proto__=x', 'constructor[prototype]=1', 'limit=10'];

/** Filters of the service list it refuses. */
const SERVICE_FILTER_FAULTS: readonly string[] = [
  'kind=unknown',
  'kind=BUSINESS',
  'kind=',
  'kind=business&kind=technical',
  'lifecycle=dead',
  'lifecycle=',
  'ownerGroup=',
  `ownerGroup=${'o'.repeat(101)}`,
  'q=',
  `q=${'q'.repeat(201)}`,
  'q=a&q=b',
  'kind[a]=b',
  'q=%00',
  'q=a%00b',
  'ownerGroup=%00',
];

/** Searches of the calendar list it refuses. */
const CALENDAR_FILTER_FAULTS: readonly string[] = ['q=', `q=${'q'.repeat(201)}`, 'q=a&q=b', 'q[a]=b', 'q=%00', 'q=a%00b'];

/** Instants a store cannot hold, or ISO 8601 shapes that are not RFC 3339 date-times: 400, never a 500 from SQL. */
const UNSTORABLE_YEARS: readonly string[] = ['0000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z'];
const AS_OF_FAULTS: readonly string[] = [
  ...UNSTORABLE_YEARS,
  '+2026-01-01T00:00:00Z',
  '2026-W01-1',
  '2026-W01',
  '2026-001',
  '2026-02-30T00:00:00Z',
  '2026-01-01',
  '2026-01-01T00:00:00',
  'yesterday',
];

/** The incident list's cursor is keyed on the opened time: each of these is a timestamp as toISOString writes it. */
const incidentCursorFaults = (targets: CaseTargets): string[] =>
  UNSTORABLE_YEARS.map((openedAt) => `cursor=${cursorOf(JSON.stringify({ openedAt, incidentId: targets.serviceId }))}`);

const WAIT_FOR_POSITION_FAULTS: readonly string[] = ['-1', 'abc', '1.5', '1e3', '', ' ', '1234567890123456', '0x10', '1,2'];

/** Bad limits, cursors, filters and unknown parameters on every list; bad X-Wait-For-Position on read-model reads. */
export const queryFaults = (targets: CaseTargets): MalformedCase[] => {
  const lists = CATALOG_ROUTES.filter((route) => route.method === 'GET' && route.waitsForPosition && route.path('ID') === route.path('OTHER'));
  const services = CATALOG_ROUTES.find((route) => route.name === 'list services')!;
  const calendars = CATALOG_ROUTES.find((route) => route.name === 'list calendars')!;
  const get = (name: string, path: string, headers = adminOnly(targets)): MalformedCase => ({ name, method: 'GET', path, headers, expect: [400] });
  const incidents = '/api/v1/incidents';
  return [
    ...incidentCursorFaults(targets).map((query) => get(`list incidents: ?${query.slice(0, 50)}`, `${incidents}?${query}`)),
    ...AS_OF_FAULTS.map((asOf) => get(`get incident: ?asOf=${asOf}`, `${incidents}/${targets.serviceId}?asOf=${encodeURIComponent(asOf)}`)),
    ...lists.flatMap((route) => PAGE_FAULTS.map((query) => get(`${route.name}: ?${query.slice(0, 50)}`, `${seededPath(route, targets)}?${query}`))),
    ...CATALOG_ROUTES.filter((route) => route.method === 'GET' && !lists.includes(route)).flatMap((route) =>
      NO_QUERY_FAULTS.map((query) => get(`${route.name}: ?${query}`, `${seededPath(route, targets)}?${query}`)),
    ),
    ...SERVICE_FILTER_FAULTS.map((query) => get(`list services: ?${query.slice(0, 50)}`, `${seededPath(services, targets)}?${query}`)),
    ...CALENDAR_FILTER_FAULTS.map((query) => get(`list calendars: ?${query.slice(0, 50)}`, `${seededPath(calendars, targets)}?${query}`)),
    ...CATALOG_ROUTES.filter((route) => route.waitsForPosition).flatMap((route) =>
      WAIT_FOR_POSITION_FAULTS.map((value) =>
        get(`${route.name}: X-Wait-For-Position ${JSON.stringify(value)}`, seededPath(route, targets), adminOnly(targets, { 'x-wait-for-position': value })),
      ),
    ),
  ];
};
