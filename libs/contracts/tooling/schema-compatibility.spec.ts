import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommittedSchemas, RELEASED_DIR } from './generate-event-schemas';
import { releaseEventSchemas } from './release-event-schemas';
import { describeBreakingChanges, findBreakingChanges } from './schema-compatibility';

type Schema = Record<string, unknown>;

const released: Schema = {
  type: 'object',
  properties: {
    incidentId: { type: 'string' },
    assignee: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['new', 'assigned'] },
    note: { type: 'string' },
    lines: { type: 'array', items: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] } },
    target: { anyOf: [{ type: 'object', properties: { kind: { const: 'service' } }, required: ['kind'] }, { type: 'null' }] },
  },
  required: ['incidentId', 'assignee', 'state', 'lines', 'target'],
};
type Editable = Schema & { properties: Record<string, Schema>; required: string[] };
type Edit = (copy: Editable) => void;
const edited = (edit: Edit): Schema => {
  const copy = structuredClone(released) as Editable;
  edit(copy);
  return copy;
};
const problems = (current: Schema) =>
  findBreakingChanges(new Map([['IncidentThing.v1.json', released]]), new Map([['IncidentThing.v1.json', current]])).map(
    ({ path, problem }) => `${path}: ${problem}`,
  );

describe('schema compatibility check', () => {
  it('finds nothing between a schema and itself', () => {
    expect(problems(structuredClone(released))).toEqual([]);
  });

  it.each<[string, Edit]>([
    ['a new optional field', (s: Editable) => { s.properties['extra'] = { type: 'string' }; }],
    ['a widened enum', (s: Editable) => { s.properties['state'] = { type: 'string', enum: ['new', 'assigned', 'closed'] }; }],
    ['a new union alternative', (s: Editable) => {
      (s.properties['target']['anyOf'] as Schema[]).push({ type: 'object', properties: { kind: { const: 'offering' } }, required: ['kind'] });
    }],
    ['a changed description', (s: Editable) => { s.properties['incidentId']['description'] = 'The incident.'; }],
  ])('accepts %s', (_name, edit) => {
    expect(problems(edited(edit))).toEqual([]);
  });

  it.each<[string, Edit, unknown[]]>([
    ['a removed field', (s: Editable) => { delete s.properties['note']; }, ['/note: field removed']],
    ['a changed type', (s: Editable) => { s.properties['incidentId'] = { type: 'number' }; }, ['/incidentId: type changed from ["string"] to ["number"]']],
    ['a field that lost null', (s: Editable) => { s.properties['assignee'] = { type: 'string' }; }, ['/assignee: type changed from ["null","string"] to ["string"]']],
    ['a new required field', (s: Editable) => { s.properties['priority'] = { type: 'number' }; s.required.push('priority'); }, ['/priority: new required field']],
    ['an optional field made required', (s: Editable) => { s.required.push('note'); }, ['/note: optional field became required']],
    ['a required field made optional', (s: Editable) => { s.required.splice(s.required.indexOf('assignee'), 1); }, ['/assignee: required field became optional']],
    ['a narrowed enum', (s: Editable) => { s.properties['state'] = { type: 'string', enum: ['new'] }; }, ['/state: enum narrowed: "assigned" no longer allowed']],
    ['a changed field inside array items', (s: Editable) => { s.properties['lines']['items'] = { type: 'object', properties: { amount: { type: 'string' } }, required: ['amount'] }; }, ['/lines/[]/amount: type changed from ["number"] to ["string"]']],
    ['a lost union alternative', (s: Editable) => { s.properties['target'] = { type: 'null' }; }, [expect.stringMatching(/^\/target: union alternative 1 .* is gone or changed$/)]],
  ])('refuses %s', (_name, edit, expected) => {
    expect(problems(edited(edit))).toEqual(expected);
  });

  it('refuses a released version that is gone, and ignores internal types and new versions', () => {
    const internal = { ...released, 'x-itsm-internal': true };
    const changes = findBreakingChanges(
      new Map([['Gone.v1.json', released], ['Internal.v1.json', internal]]),
      new Map([['Internal.v1.json', { type: 'object' }], ['Gone.v2.json', released]]),
    );
    expect(changes).toEqual([{ file: 'Gone.v1.json', path: '(payload)', problem: 'released version removed' }]);
  });

  it('tells the author to add a new version and an upcaster', () => {
    const message = describeBreakingChanges([{ file: 'IncidentThing.v1.json', path: '/note', problem: 'field removed' }]);
    expect(message).toContain('IncidentThing.v1 /note: field removed');
    expect(message).toMatch(/Add a new version/);
    expect(message).toMatch(/upcaster from v<n> to v<n\+1>/);
  });

  it('release snapshots a compatible set and refuses a breaking one', () => {
    const root = mkdtempSync(join(tmpdir(), 'itsm-schemas-'));
    const current = join(root, 'current');
    const releasedDir = join(root, 'released');
    mkdirSync(current);
    writeFileSync(join(current, 'IncidentThing.v1.json'), JSON.stringify(released));
    expect(releaseEventSchemas(current, releasedDir)).toBe(1);
    expect(readdirSync(releasedDir)).toEqual(['IncidentThing.v1.json']);
    writeFileSync(join(current, 'IncidentThing.v1.json'), JSON.stringify(edited((s) => { delete s.properties['note']; })));
    expect(() => releaseEventSchemas(current, releasedDir)).toThrow(/IncidentThing\.v1 \/note: field removed[\s\S]*Add a new version/);
    expect(readCommittedSchemas(releasedDir).get('IncidentThing.v1.json')).toEqual(released);
  });
});

describe('the committed event schemas against the last released set (libs/contracts/schemas/released)', () => {
  it('break no released version', () => {
    const releasedSet = readCommittedSchemas(RELEASED_DIR);
    expect(releasedSet.size).toBeGreaterThan(0);
    const breaking = findBreakingChanges(releasedSet, readCommittedSchemas());
    if (breaking.length > 0) throw new Error(describeBreakingChanges(breaking));
  });
});
