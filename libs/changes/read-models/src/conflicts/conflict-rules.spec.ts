import { describeWindow, detectConflicts, type ConflictFacts, type ConflictSubject } from './conflict-rules';

const t = (time: string) => new Date(`2030-03-10T${time}:00.000Z`);
const subject: ConflictSubject = { changeId: 'c-1', serviceIds: ['app', 'web'], start: t('10:00'), end: t('12:00'), agent: 'alice' };
const facts = (overrides: Partial<ConflictFacts> = {}): ConflictFacts => ({
  overlapping: [],
  freezes: [],
  relations: [],
  majorIncidents: [],
  maintenanceWindows: [],
  services: new Map([['app', { serviceId: 'app', number: 'SVC0000001', name: 'App' }]]),
  ...overrides,
});
const other = (changeId: string, serviceIds: string[], start: string, end: string, agent: string | null = null) => ({
  changeId, number: changeId.toUpperCase(), state: 'scheduled', serviceIds, start: t(start), end: t(end), agent,
});

describe('detectConflicts', () => {
  it('treats windows as half-open and ignores the change itself', () => {
    const overlapping = [other('c-1', ['app'], '10:00', '12:00'), other('c-2', ['app'], '12:00', '13:00'), other('c-3', ['app'], '09:00', '10:00')];
    expect(detectConflicts(subject, facts({ overlapping }))).toEqual([]);
  });

  it('reports a shared service once as a service overlap, even when another service of the change is related too', () => {
    const relations = [{ serviceId: 'db', of: 'web', relation: 'dependency' as const, hops: 1 }];
    const conflicts = detectConflicts(subject, facts({ overlapping: [other('c-2', ['db', 'app'], '11:00', '13:00')], relations }));
    expect(conflicts.map(({ kind, serviceId }) => [kind, serviceId])).toEqual([['service-overlap', 'app']]);
    expect(conflicts[0]?.detail).toBe('C-2 (scheduled) also works on App (SVC0000001), 2030-03-10 11:00–13:00 UTC');
  });

  it('names the nearest relation of a dependent-service overlap, and a service it does not know by its id', () => {
    const relations = [
      { serviceId: 'db', of: 'app', relation: 'dependency' as const, hops: 2 },
      { serviceId: 'db', of: 'web', relation: 'dependency' as const, hops: 1 },
    ];
    const [conflict] = detectConflicts(subject, facts({ overlapping: [other('c-2', ['db'], '11:00', '13:00')], relations }));
    expect(conflict).toMatchObject({ kind: 'dependent-service-overlap', serviceId: 'web', viaServiceId: 'db', changeId: 'c-2' });
    expect(conflict?.detail).toBe('C-2 (scheduled) works on service db, which service web depends on, 2030-03-10 11:00–13:00 UTC');
  });

  it('orders the kinds as the contract lists them', () => {
    const conflicts = detectConflicts(
      subject,
      facts({
        overlapping: [other('c-2', ['mail'], '11:00', '13:00', 'alice'), other('c-3', ['app'], '11:00', '11:30')],
        freezes: [{ freezeWindowId: 'f-1', name: 'Freeze', start: t('00:00'), end: t('23:00'), serviceIds: null }],
        majorIncidents: [{ incidentId: 'i-1', number: 'INC0000001', serviceId: 'web', acceptedAt: '2030-03-01T00:00:00.000Z' }],
      }),
    );
    expect(conflicts.map((conflict) => conflict.kind)).toEqual(['service-overlap', 'freeze-window', 'major-incident', 'implementer-double-booked']);
  });

  it('freezes a service the stricken one depends on, naming the relation (a database under a failing ERP)', () => {
    const relations = [{ serviceId: 'erp', of: 'app', relation: 'dependent' as const, hops: 1 }];
    const majorIncidents = [{ incidentId: 'i-1', number: 'INC0000001', serviceId: 'erp', acceptedAt: '2030-03-01T00:00:00.000Z' }];
    expect(detectConflicts(subject, facts({ relations, majorIncidents }))).toEqual([
      {
        kind: 'major-incident',
        detail: 'Major incident INC0000001 is open on service erp, which depends on App (SVC0000001): normal and standard changes wait until it is resolved',
        serviceId: 'app',
        viaServiceId: 'erp',
        incidentId: 'i-1',
        incidentNumber: 'INC0000001',
      },
    ]);
  });

  it('takes a major incident on a service unrelated to the change as no freeze', () => {
    const majorIncidents = [{ incidentId: 'i-1', number: 'INC0000001', serviceId: 'mail', acceptedAt: '2030-03-01T00:00:00.000Z' }];
    expect(detectConflicts(subject, facts({ majorIncidents }))).toEqual([]);
  });

  it('leaves out a freeze of other services and maintenance windows it cannot read', () => {
    const freezes = [{ freezeWindowId: 'f-1', name: 'Mail', start: t('00:00'), end: t('23:00'), serviceIds: ['mail'] }];
    const maintenanceWindows = [{ serviceId: 'app', timeZone: 'Mars/Olympus', windows: [{ day: 'sat' as const, from: '22:00', to: '06:00' }] }];
    expect(detectConflicts(subject, facts({ freezes, maintenanceWindows }))).toEqual([]);
  });
});

describe('describeWindow', () => {
  it('writes a window of one day once, one across days in full, in UTC', () => {
    expect(describeWindow({ start: t('10:00'), end: t('12:30') })).toBe('2030-03-10 10:00–12:30 UTC');
    expect(describeWindow({ start: t('22:00'), end: new Date('2030-03-11T02:00:00Z') })).toBe('2030-03-10 22:00 – 2030-03-11 02:00 UTC');
  });
});
