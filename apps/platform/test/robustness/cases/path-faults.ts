import { CATALOG_ROUTES, bodyOf, routesWithId, type CatalogRoute } from './catalog-routes';
import { adminJson, adminOnly, type CaseTargets, type MalformedCase } from './malformed-case';

/** Ids (already percent-encoded as they go in the path) that are not uuids. */
const MALFORMED_IDS: readonly string[] = [
  'not-a-uuid',
  '123',
  'SVC0000001',
  'CAL0000001',
  'CAL12',
  '0190f1e2d3c44b5a8c7d6e5f4a3b2c1d',
  '00000000-0000-0000-0000-00000000000g',
  '%2e%2e',
  '..%2F..%2Fhealth%2Flive',
  '%2e%2e%2f%2e%2e%2fadmin%2fprojections',
  '%00',
  '%27%20OR%201%3D1%20--',
  '%F0%9F%98%80',
  'a'.repeat(4_000),
  `${'0190f1e2-d3c4-4b5a-8c7d-6e5f4a3b2c1d'.repeat(200)}`,
];

/** A well-formed uuid (v7 shape) that names nothing. */
const UUID_OF_NOTHING = '0190f1e2-d3c4-7b5a-8c7d-6e5f4a3b2c1d';

/** Raw paths that leave the route: traversal (sent unnormalised) and broken percent-escapes. */
const STRAY_PATHS: readonly [string, number[]][] = [
  ['/api/v1/services/../../health/live', [404]],
  ['/api/v1/services/../../admin/projections', [404]],
  ['/api/v1/services/%2e%2e/%2e%2e/admin/projections', [404]],
  ['/api/v1/services/%E0%A4%A', [400]],
  ['/api/v1/services/%', [400]],
  ['/api/v1/calendars/%zz', [400]],
  ['/api/v1//services', [404]],
  ['/api/v1/services/x/y/z', [404]],
  ['/api/v2/services', [404]],
  ['/api/v1/servicess', [404]],
  [`/api/v1/${'deep/'.repeat(1_000)}`, [404]],
];

const pathCase = (route: CatalogRoute, targets: CaseTargets, label: string, path: string, expect: number[]): MalformedCase => {
  const body = bodyOf(route, targets);
  return { name: `${route.name}: ${label}`, method: route.method, path, headers: body ? adminJson(targets) : adminOnly(targets), body, expect };
};

/** Bad ids in every path that holds one, the same requests otherwise valid; then paths that match no route. */
export const pathFaults = (targets: CaseTargets): MalformedCase[] => [
  ...routesWithId().flatMap((route) => {
    const id = route.idOf(targets);
    const second = route.secondIdOf?.(targets);
    const label = (value: string) => (value.length > 40 ? `${value.slice(0, 20)}… (${value.length} chars)` : value);
    const prefix = route.takesNumber;
    const malformed = prefix ? MALFORMED_IDS.filter((bad) => !new RegExp(`^${prefix}\\d{7,}$`).test(bad)) : MALFORMED_IDS;
    return [
      ...malformed.map((bad) => pathCase(route, targets, `id ${label(bad)}`, route.path(bad, second), [400])),
      pathCase(route, targets, 'id of nothing', route.path(UUID_OF_NOTHING, second), [404]),
      ...(prefix ? [pathCase(route, targets, 'number of nothing', route.path(`${prefix}9999999`, second), [404])] : []),
      ...(second !== undefined
        ? [
            ...MALFORMED_IDS.map((bad) => pathCase(route, targets, `second id ${label(bad)}`, route.path(id, bad), [400])),
            // A dependency on a service that does not exist is not there to remove.
            pathCase(route, targets, 'second id of nothing', route.path(id, UUID_OF_NOTHING), [404, 409]),
          ]
        : []),
    ];
  }),
  ...STRAY_PATHS.flatMap(([path, expect]) =>
    (['GET', 'POST', 'DELETE'] as const).map((method) => ({ name: `stray path ${method} ${path.slice(0, 60)}`, method, path, headers: adminOnly(targets), expect })),
  ),
  ...CATALOG_ROUTES.filter((route) => !route.path('ID').includes('ID')).map((route) => ({
    name: `${route.name}: method not allowed`,
    method: 'DELETE' as const,
    path: route.path('ID'),
    headers: adminOnly(targets),
    expect: [404, 405],
  })),
];
