import { CATALOG_ROUTES, seededPath } from './catalog-routes';
import { badAuthorizations } from './credential-faults';
import { fieldFaults } from './field-faults';
import { adminJson, type CaseTargets, type MalformedCase } from './malformed-case';

/** mulberry32: a small seeded PRNG, so a failing combination can be replayed from its seed. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

interface Overlay {
  label: string;
  headers: Record<string, string>;
  /** Drop the admin credentials first. */
  anonymous?: boolean;
  expect: number[];
  applies: (route: (typeof CATALOG_ROUTES)[number]) => boolean;
}

const overlaysOf = (targets: CaseTargets, secret: string): Overlay[] => [
  { label: 'stale If-Match', headers: { 'if-match': '"42"' }, expect: [412], applies: (route) => Boolean(route.ifMatch) },
  { label: 'weak If-Match', headers: { 'if-match': 'W/"0"' }, expect: [412], applies: (route) => Boolean(route.ifMatch) },
  { label: 'If-Match list', headers: { 'if-match': '"0", "1"' }, expect: [400], applies: (route) => Boolean(route.ifMatch) },
  { label: 'long Idempotency-Key', headers: { 'idempotency-key': 'k'.repeat(300) }, expect: [400], applies: (route) => route.method === 'POST' },
  { label: 'bad X-Correlation-Id', headers: { 'x-correlation-id': 'no spaces allowed' }, expect: [400], applies: () => true },
  { label: 'requester role', headers: { authorization: `Bearer ${targets.tokens.requester}` }, expect: [403], applies: () => true },
  ...badAuthorizations(targets, secret).map(([label, headers]) => ({ label, headers, anonymous: true, expect: [401], applies: () => true })),
];

/**
 * Seeded combinations on top of the systematic ones: a body broken at a random place (cut short, or a stray quote,
 * which no minified JSON survives) or one random field fault, plus sometimes a bad header or credential. The
 * answer must be one of the statuses either fault alone would get.
 */
export const seededFaults = (targets: CaseTargets, secret: string, count: number, seed = 20_240_605): MalformedCase[] => {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const routes = CATALOG_ROUTES.filter((route) => route.body);
  const fields = fieldFaults(targets);
  const overlays = overlaysOf(targets, secret);
  return Array.from({ length: count }, (_, index): MalformedCase => {
    const route = pick(routes);
    const valid = JSON.stringify(route.body!(targets));
    const at = 1 + Math.floor(random() * (valid.length - 1));
    const faults: [string, string, number[]][] = [
      [`cut at ${at}`, valid.slice(0, at), [400]],
      [`stray quote at ${at}`, `${valid.slice(0, at)}"${valid.slice(at)}`, [400]],
    ];
    const field = fields.filter((fault) => fault.name.startsWith(`${route.name}:`));
    const chosenField = field.length ? pick(field) : undefined;
    if (chosenField) faults.push([chosenField.name, chosenField.body as string, [400]]);
    const [label, body, expect] = pick(faults);
    const overlay = random() < 0.6 ? pick(overlays.filter((candidate) => candidate.applies(route))) : undefined;
    const headers = adminJson(targets);
    if (overlay?.anonymous) delete headers['authorization'];
    return {
      name: `seeded #${index} ${route.name}: ${label.slice(0, 60)}${overlay ? ` + ${overlay.label}` : ''}`,
      method: route.method,
      path: seededPath(route, targets),
      headers: { ...headers, ...overlay?.headers },
      body,
      expect: [...expect, ...(overlay?.expect ?? [])],
    };
  });
};
