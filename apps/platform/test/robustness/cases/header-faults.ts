import { CATALOG_ROUTES, bodyOf, seededPath, type CatalogRoute } from './catalog-routes';
import { adminJson, adminOnly, type CaseTargets, type MalformedCase } from './malformed-case';

/** If-Match values that are malformed (400) or can never match the seeded revision 0 (412). */
const IF_MATCH_FAULTS: readonly [string, number[]][] = [
  ['0', [400]],
  ['"abc"', [400]],
  ['""', [400]],
  ['"-1"', [400]],
  ['"0', [400]],
  ['"0"garbage', [400]],
  ['"0", "1"', [400]],
  ['"0","0"', [400]],
  ['*, "0"', [400]],
  ['"1234567890123456"', [400]],
  ['W/"0"', [412]],
  ['w/"0"', [412]],
  ['"99"', [412]],
  ['"3"', [412]],
];

const IDEMPOTENCY_KEY_FAULTS: readonly string[] = ['', 'k'.repeat(256), 'two words', 'cl\u00e9', 'tab\there'];

/** X-Correlation-Id values outside 1–128 of [A-Za-z0-9._:-]. */
const CORRELATION_ID_FAULTS: readonly string[] = ['', 'a b', 'c'.repeat(129), '<script>', 'id;drop', 'caf\u00e9', '../x', 'a/b'];

/** Invalid traceparents are ignored (W3C Trace Context), so each rides on a request that is wrong otherwise. */
const TRACEPARENT_FAULTS: readonly string[] = [
  'garbage',
  '00-00000000000000000000000000000000-0000000000000000-01',
  '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01',
  `00-${'f'.repeat(1000)}`,
  '',
];

const withHeaders = (route: CatalogRoute, targets: CaseTargets, label: string, extra: Record<string, string>, expect: number[]): MalformedCase => {
  const body = bodyOf(route, targets);
  return {
    name: `${route.name}: ${label}`,
    method: route.method,
    path: seededPath(route, targets),
    headers: body ? adminJson(targets, extra) : adminOnly(targets, extra),
    body,
    expect,
  };
};

/** Otherwise valid requests with one bad header: If-Match, Idempotency-Key, X-Correlation-Id (and traceparent, see above). */
export const headerFaults = (targets: CaseTargets): MalformedCase[] => [
  ...CATALOG_ROUTES.filter((route) => route.ifMatch).flatMap((route) =>
    IF_MATCH_FAULTS.map(([value, expect]) => withHeaders(route, targets, `If-Match ${value}`, { 'if-match': value }, expect)),
  ),
  ...CATALOG_ROUTES.filter((route) => route.method === 'POST' && route.body).flatMap((route) =>
    IDEMPOTENCY_KEY_FAULTS.map((key) => withHeaders(route, targets, `Idempotency-Key ${JSON.stringify(key).slice(0, 30)}`, { 'idempotency-key': key }, [400])),
  ),
  ...CATALOG_ROUTES.flatMap((route) =>
    CORRELATION_ID_FAULTS.map((id) => withHeaders(route, targets, `X-Correlation-Id ${JSON.stringify(id).slice(0, 30)}`, { 'x-correlation-id': id }, [400])),
  ),
  ...CATALOG_ROUTES.filter((route) => route.write).flatMap((route) =>
    TRACEPARENT_FAULTS.map((traceparent) => ({
      ...withHeaders(route, targets, `traceparent ${JSON.stringify(traceparent).slice(0, 30)} without credentials`, { traceparent }, [401]),
      headers: { ...(route.body ? { 'content-type': 'application/json' } : {}), traceparent },
    })),
  ),
];
