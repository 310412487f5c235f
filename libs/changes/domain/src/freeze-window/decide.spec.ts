import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { FreezeWindowDeclaredV1 } from '@itsm/contracts';
import type { DeclareFreezeWindow, FreezeWindowCommand, LiftFreezeWindow } from './commands';
import { freezeWindowDecider } from './decide';
import type { FreezeWindowEvent } from './events';

const spec = deciderSpecification(freezeWindowDecider, expect);
const given = spec.given.bind(spec);

const freezeWindowId = '0190f3a4-0000-7000-8000-0000000000f1';
const payroll = '0190f3a4-0000-7000-8000-00000000a001';
const mail = '0190f3a4-0000-7000-8000-00000000a002';
const now = new Date('2026-12-01T09:00:00.000Z');
const metadata = (at: Date = now) => ({ now: at, actor: { id: 'manager-mia' } });

const declare = (overrides: Partial<DeclareFreezeWindow['data']> = {}, at?: Date): FreezeWindowCommand => ({
  type: 'DeclareFreezeWindow',
  data: {
    freezeWindowId,
    name: 'Year-end freeze',
    reason: 'Financial closing',
    from: '2026-12-20T00:00:00Z',
    to: '2027-01-04T00:00:00Z',
    knownServiceIds: [payroll, mail],
    ...overrides,
  },
  metadata: metadata(at),
});
const lift = (reason = 'Closing done early', at?: Date): FreezeWindowCommand => ({
  type: 'LiftFreezeWindow',
  data: { reason } satisfies LiftFreezeWindow['data'],
  metadata: metadata(at),
});
const declared = (overrides: Partial<FreezeWindowDeclaredV1> = {}): FreezeWindowEvent => ({
  type: 'FreezeWindowDeclared',
  data: {
    freezeWindowId,
    name: 'Year-end freeze',
    reason: 'Financial closing',
    from: '2026-12-20T00:00:00.000Z',
    to: '2027-01-04T00:00:00.000Z',
    serviceIds: null,
    declaredAt: now.toISOString(),
    ...overrides,
  },
});
const lifted = (wasInForce: boolean, at: Date = now, reason = 'Closing done early'): FreezeWindowEvent => ({
  type: 'FreezeWindowLifted',
  data: { freezeWindowId, reason, wasInForce, liftedAt: at.toISOString() },
});

describe('Freeze window decider', () => {
  describe('when not declared yet', () => {
    it('declares a freeze of every service when no services are named, times in UTC', () => {
      given([]).when(declare()).then([declared()]);
      given([]).when(declare({ serviceIds: null })).then([declared()]);
    });
    it('declares a freeze of the services named', () => {
      given([]).when(declare({ serviceIds: [payroll] })).then([declared({ serviceIds: [payroll] })]);
    });
    it('records the times in UTC and trims the texts', () => {
      given([])
        .when(declare({ name: '  Year-end freeze ', from: '2026-12-20T01:00:00+01:00', to: '2027-01-04T01:00:00+01:00' }))
        .then([declared()]);
    });
    it('refuses a window that does not end after it starts', () => {
      given([]).when(declare({ to: '2026-12-20T00:00:00Z' })).thenThrows(RuleViolation, /must end after it starts/);
      given([]).when(declare({ to: '2026-12-19T00:00:00Z' })).thenThrows(RuleViolation, /must end after it starts/);
    });
    it('refuses a window that has ended already', () => {
      given([]).when(declare({ from: '2026-11-01T00:00:00Z', to: '2026-12-01T09:00:00Z' })).thenThrows(RuleViolation, /ended already/);
    });
    it('accepts a window that has begun and not ended', () => {
      given([]).when(declare({ from: '2026-11-30T00:00:00Z' })).then([declared({ from: '2026-11-30T00:00:00.000Z' })]);
    });
    it.each(['', 'yesterday', '2026-12-20', '2026-12-20T00:00:00'])('refuses %p as a start', (from) => {
      given([]).when(declare({ from })).thenThrows(RuleViolation, /The start \(from\) must be an ISO-8601 date-time/);
    });
    it.each([
      ['name', 'The name must not be blank'],
      ['reason', 'The reason must not be blank'],
    ] as const)('refuses a blank %s', (field, message) => {
      given([]).when(declare({ [field]: ' \u200b ' })).thenThrows(RuleViolation, message);
    });
    it('refuses a name on several lines', () => {
      given([]).when(declare({ name: 'Year\nend' })).thenThrows(RuleViolation, /one line/);
    });
    it('refuses an empty list of services (leave it out to freeze every service)', () => {
      given([]).when(declare({ serviceIds: [] })).thenThrows(RuleViolation, /at least one service/);
    });
    it('refuses a service the catalog does not know, naming it', () => {
      const unknown = '0190f3a4-0000-7000-8000-00000000dead';
      given([]).when(declare({ serviceIds: [payroll, unknown] })).thenThrows(RuleViolation, `Not in the catalog: service ${unknown}`);
    });
    it('refuses a service named twice', () => {
      given([]).when(declare({ serviceIds: [payroll, payroll] })).thenThrows(RuleViolation, /named more than once/);
    });
    it('refuses to lift what was never declared', () => {
      given([]).when(lift()).thenThrows(IllegalTransition, /has not been declared/);
    });
  });

  describe('when declared', () => {
    it('refuses to declare it again', () => {
      given([declared()]).when(declare()).thenThrows(IllegalTransition, /already declared/);
    });
    it('lifts it before it begins (it never takes effect)', () => {
      given([declared()]).when(lift()).then([lifted(false)]);
    });
    it('lifts it while in force', () => {
      const during = new Date('2026-12-24T12:00:00.000Z');
      given([declared()]).when(lift('Closing done early', during)).then([lifted(true, during)]);
    });
    it('refuses to lift it once it has ended', () => {
      given([declared()]).when(lift('late', new Date('2027-01-04T00:00:00.000Z'))).thenThrows(IllegalTransition, /has ended already/);
    });
    it('refuses a blank reason for lifting', () => {
      given([declared()]).when(lift('  ')).thenThrows(RuleViolation, 'The reason must not be blank');
    });
  });

  describe('when lifted', () => {
    it('refuses to lift it again', () => {
      given([declared(), lifted(false)]).when(lift()).thenThrows(IllegalTransition, /lifted already/);
    });
  });
});
