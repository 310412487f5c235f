/** What a body field accepts, as its DTO's validators say; the generator derives the values it must refuse. */
export type FieldRule =
  | { kind: 'string'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'uuid' }
  | { kind: 'int'; min: number; max: number }
  | { kind: 'amount'; max: number }
  | { kind: 'boolean' }
  | { kind: 'timeZone' }
  | { kind: 'currency' }
  | { kind: 'steps' }
  | { kind: 'weeklyHours' }
  | { kind: 'holidays' }
  | { kind: 'slaTargets' }
  | { kind: 'slaTarget' };

export interface FieldSpec {
  /** Dotted path into the body: `slaTargets.P1.responseMinutes`. */
  path: string;
  rule: FieldRule;
  /** Optional fields may be absent, and null too (class-validator's IsOptional) unless `nullRefused`. */
  optional?: boolean;
  /** PATCH fields: absent leaves the value as it is, null would erase it, so null is a fault. */
  nullRefused?: boolean;
}

const NOT_A_UUID = [
  'not-a-uuid',
  '123',
  '00000000-0000-0000-0000-00000000000g',
  '0190f1e2d3c44b5a8c7d6e5f4a3b2c1d',
  '0190f1e2-d3c4-4b5a-8c7d-6e5f4a3b2c1d-x',
  '{0190f1e2-d3c4-4b5a-8c7d-6e5f4a3b2c1d}',
  '../../etc/passwd',
  "' OR 1=1 --",
  'x'.repeat(10_000),
];
const NOT_A_LOCAL_TIME = ['9', '9:00', '24:01', '25:00', '12:60', '12-00', '', 'noon'];
const WEEK_DAY = { day: 'mon', from: '09:00', to: '17:00' };

/** Values of every JSON type; each rule keeps those it refuses. */
const ANY_TYPE: readonly unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'x', [], {}, ['x'], { nested: 'x' }];

const typeFaults = (accepts: (value: unknown) => boolean): unknown[] => ANY_TYPE.filter((value) => !accepts(value));

const isString = (value: unknown): value is string => typeof value === 'string';

/** Values the rule must refuse (null and absence are added by the caller, as they depend on `optional`). */
export const faultyValuesOf = (rule: FieldRule): unknown[] => {
  switch (rule.kind) {
    case 'string':
      return [
        ...typeFaults((value) => isString(value) && value.length >= rule.min && value.length <= rule.max),
        'x'.repeat(rule.max + 1),
        'y'.repeat(rule.max * 20),
        // Valid JSON that PostgreSQL cannot store: NUL, unpaired surrogates.
        'nul\u0000inside',
        '\ud800',
        'x\udc00',
        // Required text shows something: not blanks, line breaks or zero-width characters alone.
        ...(rule.min >= 1 ? [' ', '\n\t', '\u200b', '\u00a0\u200b\ufeff'] : []),
      ];
    case 'enum':
      return [
        ...typeFaults((value) => isString(value) && rule.values.includes(value)),
        'unknown',
        rule.values[0].toUpperCase(),
        ` ${rule.values[0]}`,
        [rule.values[0]],
      ];
    case 'uuid':
      return [...typeFaults(() => false), ...NOT_A_UUID];
    case 'int':
      return [
        ...typeFaults((value) => Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max),
        rule.min - 1,
        rule.max + 1,
        2.5,
        '30',
        Number.MAX_SAFE_INTEGER * 4,
      ];
    case 'amount':
      return [...typeFaults((value) => typeof value === 'number' && value >= 0), -0.01, rule.max * 10, 1.00001, '12', Number.MAX_VALUE];
    case 'boolean':
      return [...typeFaults((value) => typeof value === 'boolean'), 'true', 'false', 'yes'];
    case 'timeZone':
      return [...typeFaults(() => false), 'Mars/Olympus_Mons', 'UTC+25', 'Europe/Berlin ', 'europe/nowhere', 'z'.repeat(5000)];
    case 'currency':
      return [...typeFaults(() => false), 'EURO', 'XYZ', 'E', '€', 'EU R'];
    case 'steps':
      return [...typeFaults((value) => Array.isArray(value) && value.length > 0 && value.every((step) => isString(step) && step.length > 0)),
        [''], [1], [null], [['nested']], [{ step: 'x' }], Array.from({ length: 101 }, () => 'step'), ['s'.repeat(1001)]];
    case 'weeklyHours':
      return [
        ...typeFaults((value) => Array.isArray(value) && value.length === 0),
        [null], ['mon 09:00-17:00'], [[]], [{}],
        [{ ...WEEK_DAY, day: 'funday' }], [{ ...WEEK_DAY, day: 'Mon' }], [{ ...WEEK_DAY, day: 1 }],
        ...NOT_A_LOCAL_TIME.map((from) => [{ ...WEEK_DAY, from }]),
        ...NOT_A_LOCAL_TIME.map((to) => [{ ...WEEK_DAY, to }]),
        [{ ...WEEK_DAY, from: 900 }], [{ day: 'mon', from: '09:00' }], [{ ...WEEK_DAY, extra: true }],
        Array.from({ length: 71 }, () => WEEK_DAY),
      ];
    case 'holidays':
      return [
        ...typeFaults((value) => Array.isArray(value) && value.length === 0),
        ['2026-13-01'], ['2026-00-10'], ['2026-12-32'], ['20261225'], ['25.12.2026'], [20261225], [null], [['2026-12-25']],
        ['2026-12-25T00:00:00Z'], Array.from({ length: 1001 }, () => '2026-12-25'),
      ];
    case 'slaTargets':
      return [...typeFaults(() => false), { P1: validTarget }, { ...validSlaTargets, P6: validTarget }, { ...validSlaTargets, p1: validTarget }];
    case 'slaTarget':
      return [...typeFaults(() => false), { responseMinutes: 30 }, { resolutionMinutes: 30 }, { ...validTarget, extra: 1 }, [validTarget]];
  }
};

export const validTarget = { responseMinutes: 30, resolutionMinutes: 240 };
export const validSlaTargets = { P1: validTarget, P2: validTarget, P3: validTarget, P4: validTarget, P5: validTarget };

/** Every leaf of an SLA target set, as int fields (so each gets its own wrong types and ranges). */
export const slaTargetFields = (): FieldSpec[] =>
  (['P1', 'P2', 'P3', 'P4', 'P5'] as const).flatMap((priority) => [
    { path: `slaTargets.${priority}`, rule: { kind: 'slaTarget' } as FieldRule },
    ...(['responseMinutes', 'resolutionMinutes'] as const).map((leaf) => ({
      path: `slaTargets.${priority}.${leaf}`,
      rule: { kind: 'int', min: 1, max: 525_600 } as FieldRule,
    })),
  ]);
