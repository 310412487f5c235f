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
];

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

const WAIT_FOR_POSITION_FAULTS: readonly string[] = ['-1', 'abc', '1.5', '1e3', '', ' ', '1234567890123456', '0x10', '1,2'];

/** Bad limits, cursors, filters and unknown parameters on every list; bad X-Wait-For-Position on read-model reads. */
export const queryFaults = (targets: CaseTargets): MalformedCase[] => {
  const lists = CATALOG_ROUTES.filter((route) => route.method === 'GET' && route.waitsForPosition && route.path('ID') === route.path('OTHER'));
  const services = CATALOG_ROUTES.find((route) => route.name === 'list services')!;
  const get = (name: string, path: string, headers = adminOnly(targets)): MalformedCase => ({ name, method: 'GET', path, headers, expect: [400] });
  return [
    ...lists.flatMap((route) => PAGE_FAULTS.map((query) => get(`${route.name}: ?${query.slice(0, 50)}`, `${seededPath(route, targets)}?${query}`))),
    ...SERVICE_FILTER_FAULTS.map((query) => get(`list services: ?${query.slice(0, 50)}`, `${seededPath(services, targets)}?${query}`)),
    ...CATALOG_ROUTES.filter((route) => route.waitsForPosition).flatMap((route) =>
      WAIT_FOR_POSITION_FAULTS.map((value) =>
        get(`${route.name}: X-Wait-For-Position ${JSON.stringify(value)}`, seededPath(route, targets), adminOnly(targets, { 'x-wait-for-position': value })),
      ),
    ),
  ];
};
