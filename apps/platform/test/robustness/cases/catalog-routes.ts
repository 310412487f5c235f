import type { CaseTargets, MalformedCase } from './malformed-case';
import { slaTargetFields, validSlaTargets, type FieldSpec } from './field-rules';

/**
 * Every catalog route, with a request that would succeed (the spec proves each write one against the app before
 * the barrage), so a generator that changes one thing knows that thing alone made the answer a 4xx.
 */
export interface CatalogRoute {
  name: string;
  method: MalformedCase['method'];
  /** The path for a service (or calendar) id; the second id is for routes with two. */
  path: (id: string, secondId?: string) => string;
  /** Which seeded id the route is about. */
  idOf: (targets: CaseTargets) => string;
  secondIdOf?: (targets: CaseTargets) => string;
  write: boolean;
  /** A valid body (writes with a body only). */
  body?: (targets: CaseTargets) => Record<string, unknown>;
  fields?: FieldSpec[];
  /** Takes If-Match (writes to an existing resource). */
  ifMatch?: boolean;
  /** Lists served from read models take X-Wait-For-Position. */
  waitsForPosition?: boolean;
  /** `:id` may also be the resource's number: the prefix of its numbers (`SVC` for SVC0000001, `CAL`). */
  takesNumber?: 'SVC' | 'CAL';
}

const API = '/api/v1';
const serviceId = (targets: CaseTargets) => targets.serviceId;

/** The service's own fields: required when registering; optional, but never null, in a PATCH. */
const serviceFields = (patch: boolean): FieldSpec[] =>
  (
    [
      { path: 'name', rule: { kind: 'string', min: 1, max: 200 } },
      { path: 'kind', rule: { kind: 'enum', values: ['business', 'technical'] } },
      { path: 'description', rule: { kind: 'string', min: 1, max: 4000 } },
      { path: 'ownerGroup', rule: { kind: 'string', min: 1, max: 100 } },
      { path: 'supportGroup', rule: { kind: 'string', min: 1, max: 100 } },
    ] as FieldSpec[]
  ).map((field) => ({ ...field, optional: patch, nullRefused: patch }));

export const validService = () => ({
  name: 'Robust service',
  kind: 'technical',
  description: 'Seeded for the robustness spec',
  ownerGroup: 'robust-owners',
  supportGroup: 'robust-support',
});

export const validCalendar = () => ({
  name: 'Robust hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: [{ day: 'mon', from: '09:00', to: '17:00' }],
  holidays: ['2026-12-25'],
});

export const CATALOG_ROUTES: readonly CatalogRoute[] = [
  { name: 'register service', method: 'POST', path: () => `${API}/services`, idOf: serviceId, write: true, body: validService, fields: serviceFields(false) },
  { name: 'list services', method: 'GET', path: () => `${API}/services`, idOf: serviceId, write: false, waitsForPosition: true },
  // A number is looked up in the read model: X-Wait-For-Position reads a just-registered one.
  { name: 'get service', method: 'GET', path: (id) => `${API}/services/${id}`, idOf: serviceId, write: false, waitsForPosition: true, takesNumber: 'SVC' },
  {
    name: 'update service',
    method: 'PATCH',
    path: (id) => `${API}/services/${id}`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: () => ({ name: 'Renamed robust service' }),
    fields: serviceFields(true),
  },
  { name: 'take live', method: 'POST', path: (id) => `${API}/services/${id}/go-live`, idOf: serviceId, write: true, ifMatch: true },
  {
    name: 'retire',
    method: 'POST',
    path: (id) => `${API}/services/${id}/retire`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: () => ({ reason: 'robustness' }),
    fields: [{ path: 'reason', rule: { kind: 'string', min: 0, max: 1000 }, optional: true }],
  },
  { name: 'impact', method: 'GET', path: (id) => `${API}/services/${id}/impact`, idOf: serviceId, write: false, waitsForPosition: true },
  {
    name: 'add dependency',
    method: 'POST',
    path: (id) => `${API}/services/${id}/dependencies`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: (targets) => ({ dependsOnServiceId: targets.otherServiceId }),
    fields: [{ path: 'dependsOnServiceId', rule: { kind: 'uuid' } }],
  },
  {
    name: 'remove dependency',
    method: 'DELETE',
    path: (id, secondId) => `${API}/services/${id}/dependencies/${secondId}`,
    idOf: serviceId,
    secondIdOf: (targets) => targets.otherServiceId,
    write: true,
    ifMatch: true,
  },
  {
    name: 'add offering',
    method: 'POST',
    path: (id) => `${API}/services/${id}/offerings`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: (targets) => ({ name: 'Robust tier', calendarId: targets.calendarId, default: false, slaTargets: validSlaTargets }),
    fields: [
      { path: 'name', rule: { kind: 'string', min: 1, max: 100 } },
      { path: 'calendarId', rule: { kind: 'uuid' } },
      { path: 'default', rule: { kind: 'boolean' }, optional: true },
      { path: 'slaTargets', rule: { kind: 'slaTargets' } },
      ...slaTargetFields(),
    ],
  },
  { name: 'list offerings', method: 'GET', path: (id) => `${API}/services/${id}/offerings`, idOf: serviceId, write: false, waitsForPosition: true },
  {
    name: 'set cost model',
    method: 'PUT',
    path: (id) => `${API}/services/${id}/cost-model`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: () => ({ fixedMonthlyCost: 1200, currency: 'EUR', unitRate: 2.5, unitName: 'mailbox' }),
    fields: [
      { path: 'fixedMonthlyCost', rule: { kind: 'amount', max: 1_000_000_000_000 } },
      { path: 'currency', rule: { kind: 'currency' } },
      { path: 'unitRate', rule: { kind: 'amount', max: 1_000_000_000_000 } },
      { path: 'unitName', rule: { kind: 'string', min: 1, max: 50 } },
    ],
  },
  {
    name: 'add change template',
    method: 'POST',
    path: (id) => `${API}/services/${id}/change-templates`,
    idOf: serviceId,
    write: true,
    ifMatch: true,
    body: () => ({ name: 'Robust template', steps: ['one', 'two'], preApproved: true }),
    fields: [
      { path: 'name', rule: { kind: 'string', min: 1, max: 200 } },
      { path: 'steps', rule: { kind: 'steps' } },
      { path: 'preApproved', rule: { kind: 'boolean' } },
    ],
  },
  { name: 'list change templates', method: 'GET', path: (id) => `${API}/services/${id}/change-templates`, idOf: serviceId, write: false, waitsForPosition: true },
  {
    name: 'create calendar',
    method: 'POST',
    path: () => `${API}/calendars`,
    idOf: (targets) => targets.calendarId,
    write: true,
    body: validCalendar,
    fields: [
      { path: 'name', rule: { kind: 'string', min: 1, max: 200 } },
      { path: 'timeZone', rule: { kind: 'timeZone' } },
      { path: 'weeklyHours', rule: { kind: 'weeklyHours' } },
      { path: 'holidays', rule: { kind: 'holidays' } },
    ],
  },
  { name: 'list calendars', method: 'GET', path: () => `${API}/calendars`, idOf: (targets) => targets.calendarId, write: false, waitsForPosition: true },
  { name: 'get calendar', method: 'GET', path: (id) => `${API}/calendars/${id}`, idOf: (targets) => targets.calendarId, write: false, waitsForPosition: true, takesNumber: 'CAL' },
];

/** Routes whose path holds an id (the path-fault generator varies it). */
export const routesWithId = (): CatalogRoute[] => CATALOG_ROUTES.filter((route) => route.path('ID').includes('ID'));

/** The route's path for the seeded resources. */
export const seededPath = (route: CatalogRoute, targets: CaseTargets): string => route.path(route.idOf(targets), route.secondIdOf?.(targets));

export const bodyOf = (route: CatalogRoute, targets: CaseTargets): string | undefined =>
  route.body ? JSON.stringify(route.body(targets)) : undefined;
