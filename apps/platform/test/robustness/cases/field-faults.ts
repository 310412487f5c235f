import { CATALOG_ROUTES, seededPath } from './catalog-routes';
import { faultyValuesOf, type FieldSpec } from './field-rules';
import { adminJson, type CaseTargets, type MalformedCase } from './malformed-case';

const MISSING = Symbol('missing');

/** A copy of `body` with the field at `path` set to `value` (or removed when MISSING). */
const withField = (body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let holder = copy;
  for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === MISSING) delete holder[last];
  else holder[last] = value;
  return copy;
};

const describe = (value: unknown): string => {
  if (value === MISSING) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} chars)` : text;
};

const faultsOf = (field: FieldSpec): unknown[] => {
  const values = [...(field.optional ? [] : [MISSING]), null, ...faultyValuesOf(field.rule)];
  const nullAccepted = field.optional && !field.nullRefused;
  return [...new Set(values)].filter((value) => !(nullAccepted && value === null));
};

/**
 * One field wrong at a time, everything else valid: every field of every write DTO gets the JSON types it does not
 * take, values out of range, strings over their limit, and (when required) null and absence.
 */
export const fieldFaults = (targets: CaseTargets): MalformedCase[] =>
  CATALOG_ROUTES.flatMap((route) =>
    (route.fields ?? []).flatMap((field) =>
      faultsOf(field).map((value) => ({
        name: `${route.name}: ${field.path} ${describe(value)}`,
        method: route.method,
        path: seededPath(route, targets),
        headers: adminJson(targets),
        body: JSON.stringify(withField(route.body!(targets), field.path, value)),
        expect: [400],
      })),
    ),
  );
