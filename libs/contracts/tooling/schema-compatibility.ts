/**
 * Is the current schema of a released event version still what its readers were promised? A published version never
 * changes shape in a way a consumer or a stored event could notice: what it carried stays (no removed field, no
 * field that became optional, no changed type, no enum or union that lost a value), and what old events lack is not
 * demanded (no new required field). New optional fields, new enum values and new union alternatives are compatible,
 * as are new versions and new types. Descriptions, titles and formats are documentation. Internal types
 * (`x-itsm-internal`) carry no promise and are not checked.
 */

type Schema = Record<string, unknown>;

export interface BreakingChange {
  /** `<Type>.v<n>.json` */
  file: string;
  /** Where in the payload: `/assignee`, `/lines/items/amount`; `` for the payload itself. */
  path: string;
  problem: string;
}

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const typesOf = (schema: Schema): string[] | undefined => {
  const type = schema['type'];
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type.map(String) : [String(type)]).sort();
};

/** A literal set (`enum` or `const`), or undefined for an open value. */
const valuesOf = (schema: Schema): unknown[] | undefined => {
  if ('const' in schema) return [schema['const']];
  return Array.isArray(schema['enum']) ? schema['enum'] : undefined;
};

const alternativesOf = (schema: Schema): Schema[] | undefined => {
  const alternatives = schema['anyOf'] ?? schema['oneOf'];
  return Array.isArray(alternatives) ? alternatives.filter(isObject) : undefined;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The breaking differences between a released schema (or sub-schema) and the current one. */
export const compareSchemas = (released: Schema, current: Schema, path = ''): Omit<BreakingChange, 'file'>[] => {
  const at = path === '' ? '(payload)' : path;
  const changes: Omit<BreakingChange, 'file'>[] = [];
  const releasedAlternatives = alternativesOf(released);
  if (releasedAlternatives !== undefined) {
    const candidates = alternativesOf(current) ?? [current];
    releasedAlternatives.forEach((alternative, index) => {
      if (!candidates.some((candidate) => compareSchemas(alternative, candidate, path).length === 0)) {
        changes.push({ path: at, problem: `union alternative ${index + 1} (${JSON.stringify(alternative).slice(0, 120)}) is gone or changed` });
      }
    });
    return changes;
  }
  const currentAlternatives = alternativesOf(current);
  if (currentAlternatives !== undefined) {
    // A value became a union: compatible only when one alternative is still exactly what was released.
    if (!currentAlternatives.some((candidate) => compareSchemas(released, candidate, path).length === 0)) {
      changes.push({ path: at, problem: 'became a union that no longer includes the released shape' });
    }
    return changes;
  }
  const releasedTypes = typesOf(released);
  const currentTypes = typesOf(current);
  if (!same(releasedTypes, currentTypes)) {
    changes.push({ path: at, problem: `type changed from ${JSON.stringify(releasedTypes ?? 'any')} to ${JSON.stringify(currentTypes ?? 'any')}` });
    return changes;
  }
  const releasedValues = valuesOf(released);
  if (releasedValues !== undefined) {
    const currentValues = valuesOf(current);
    if (currentValues !== undefined) {
      const lost = releasedValues.filter((value) => !currentValues.some((candidate) => same(candidate, value)));
      if (lost.length > 0) changes.push({ path: at, problem: `enum narrowed: ${lost.map((value) => JSON.stringify(value)).join(', ')} no longer allowed` });
    }
  }
  const releasedProperties = isObject(released['properties']) ? released['properties'] : {};
  const currentProperties = isObject(current['properties']) ? current['properties'] : {};
  const releasedRequired = new Set(Array.isArray(released['required']) ? released['required'].map(String) : []);
  const currentRequired = new Set(Array.isArray(current['required']) ? current['required'].map(String) : []);
  for (const [name, schema] of Object.entries(releasedProperties)) {
    const child = `${path}/${name}`;
    if (!(name in currentProperties)) {
      changes.push({ path: child, problem: 'field removed' });
      continue;
    }
    if (releasedRequired.has(name) && !currentRequired.has(name)) changes.push({ path: child, problem: 'required field became optional' });
    if (isObject(schema) && isObject(currentProperties[name])) changes.push(...compareSchemas(schema, currentProperties[name] as Schema, child));
  }
  for (const name of currentRequired) {
    if (!releasedRequired.has(name)) {
      changes.push({ path: `${path}/${name}`, problem: name in releasedProperties ? 'optional field became required' : 'new required field' });
    }
  }
  for (const keyword of ['items', 'additionalProperties'] as const) {
    if (isObject(released[keyword]) && isObject(current[keyword])) {
      changes.push(...compareSchemas(released[keyword] as Schema, current[keyword] as Schema, `${path}/${keyword === 'items' ? '[]' : '*'}`));
    } else if (keyword === 'additionalProperties' && released[keyword] !== false && current[keyword] === false) {
      changes.push({ path: at, problem: 'no longer allows further fields' });
    }
  }
  return changes;
};

/** Every breaking change from the released set (file name → schema) to the current one. */
export const findBreakingChanges = (released: ReadonlyMap<string, Schema>, current: ReadonlyMap<string, Schema>): BreakingChange[] =>
  [...released].flatMap(([file, releasedSchema]) => {
    if (releasedSchema['x-itsm-internal'] === true) return [];
    const currentSchema = current.get(file);
    if (currentSchema === undefined) return [{ file, path: '(payload)', problem: 'released version removed' }];
    return compareSchemas(releasedSchema, currentSchema).map((change) => ({ file, ...change }));
  });

/** What to tell the author: every change, and the way out (a new version and an upcaster). */
export const describeBreakingChanges = (changes: BreakingChange[]): string =>
  [
    `${changes.length} breaking change(s) to released event schemas:`,
    ...changes.map(({ file, path, problem }) => `  - ${file.replace(/\.json$/, '')} ${path}: ${problem}`),
    '',
    'A released version is a promise to every consumer and every stored event: do not change it. Add a new version',
    'instead: keep <Type>V<n>, write <Type>V<n+1> in libs/contracts, raise the type in its *-schema-versions.ts, add an',
    'upcaster from v<n> to v<n+1> to the context\'s upcasters, then `npm run contracts:schemas` (and',
    '`npm run contracts:release` when the new version ships). See libs/contracts/README.md.',
  ].join('\n');
