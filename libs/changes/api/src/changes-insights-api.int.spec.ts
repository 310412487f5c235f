import { changeStreamId, formatChangeNumber, incidentStreamId, schemaVersionOf, serviceStreamId, type ChangeOutcome } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { changesApplicationProjections } from '@itsm/changes-application';
import { assessRisk, DEFAULT_RISK_POLICY, type QuestionnaireAnswers, type RiskFacts } from '@itsm/changes-domain';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { call, startChangesTestApp, type Answer, type ChangesTestApp } from './testing/changes-test-app';

const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() },
});

const at = (day: number, time = '00:00') => `2030-05-${String(day).padStart(2, '0')}T${time}:00.000Z`;

const facts = (overrides: Partial<RiskFacts> = {}): RiskFacts => ({
  changeType: 'normal',
  serviceCriticalities: ['medium'],
  dependentServiceCount: 0,
  expectedOutageMinutes: 0,
  outsideMaintenanceWindow: false,
  implementerRecentFailureRate: { failed: 0, total: 0 },
  ...overrides,
});
const calmAnswers: QuestionnaireAnswers = { tested: 'fully', rollback: 'tested', 'done-before': 'many-times', 'user-visible': 'no', downtime: 'none', vendor: 'no' };

/**
 * A change's life as the change decider writes it: raised on `serviceIds`, optionally assessed under the default
 * policy (recording its facts and answers), started and completed with an outcome.
 */
const changeLife = (
  changeId: string,
  sequence: number,
  serviceIds: string[],
  { raisedAt, completedAt, outcome, assessed }: { raisedAt: string; completedAt?: string; outcome?: ChangeOutcome; assessed?: { facts: RiskFacts; answers: QuestionnaireAnswers } },
): NewEvent[] => {
  const number = formatChangeNumber(sequence);
  const implementer = { group: 'ops', agent: null };
  const events = [
    event('ChangeRaised', {
      changeId, number, type: 'normal', requesterId: 'rita', templateId: null, state: 'new', raisedAt, shortDescription: `Change ${sequence}`,
      description: 'spec', justification: 'spec', serviceIds, implementationPlan: 'plan', backoutPlan: 'backout', testPlan: 'test',
      plannedStart: raisedAt, plannedEnd: completedAt ?? raisedAt, implementer,
    }),
  ];
  if (assessed) {
    const risk = assessRisk(assessed.facts, assessed.answers, DEFAULT_RISK_POLICY);
    events.push(
      event('ChangeRiskAssessed', {
        changeId, level: risk.level, policyVersion: risk.policyVersion, firedRules: risk.firedRules,
        questionScores: risk.questionScores.map(({ question, answer, score }) => ({ question, answer, score })), ruleLevel: risk.ruleLevel,
        questionnaireLevel: risk.questionnaireLevel, inputs: assessed, previousLevel: null, previousState: 'assess',
        state: 'authorize', assessedAt: raisedAt,
      }),
    );
  }
  if (completedAt && outcome) {
    events.push(
      event('ChangeImplementationStarted', { changeId, plannedStart: raisedAt, plannedEnd: completedAt, implementer, previousState: 'scheduled', state: 'implement', startedAt: raisedAt }),
      event('ChangeCompleted', { changeId, outcome, notes: 'done', reviewRequired: false, previousState: 'implement', state: 'review', completedAt }),
    );
  }
  return events;
};

describe('changes API: DORA figures of a service and the risk back-test (embedded shape: PGlite, gateway conventions, projections)', () => {
  let app: ChangesTestApp;
  let manager: string;
  let auditor: string;
  let requester: string;
  const [payments, ledger] = [newId(), newId()];
  const [first, second, third] = [newId(), newId(), newId()];
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const get = (path: string, token = auditor, headers: Record<string, string> = {}) => call(api(path), { headers: { authorization: `Bearer ${token}`, ...headers } });
  const post = (path: string, body: unknown, token = manager) => call(api(path), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
  const append = async (streamId: string, events: NewEvent[]) => (await app.store.appendToStream(streamId, events, { expectedRevision: 'any' })).lastGlobalPosition;
  const expectProblem = (answer: Answer, status: number) => {
    expect([answer.status, answer.headers.get('content-type')]).toEqual([status, expect.stringMatching(/^application\/problem\+json/)]);
  };
  const dora = (serviceId: string, query = `from=${at(1)}&to=${at(15)}`) => `/services/${serviceId}/dora?${query}`;

  beforeAll(async () => {
    app = await startChangesTestApp(createChangesReadModels, [...changesProjections, ...changesApplicationProjections()]);
    manager = await app.token(['change-manager'], 'mia');
    auditor = await app.token(['auditor'], 'audrey');
    requester = await app.token(['requester'], 'rita');
    let registered = -1;
    for (const [serviceId, sequence, name] of [[payments, 1, 'Payments'], [ledger, 2, 'Ledger']] as const) {
      registered = await append(serviceStreamId(serviceId), [
        event('ServiceRegistered', {
          serviceId, number: `SVC000000${sequence}`, name, kind: 'technical', description: 'spec', ownerGroup: 'owners', supportGroup: 'support',
          criticality: 'high', lifecycle: 'live', registeredAt: '2026-01-01T00:00:00.000Z',
        }),
      ]);
    }
    // 1: raised May 1, successful May 2 (24 h); 2: raised May 2, successful May 3 12:00 (36 h) but caused an incident resolved
    // after 2 hours; 3: raised May 4, backed out May 5 (24 h), with a long outage expected.
    await append(changeStreamId(first), changeLife(first, 1, [payments], { raisedAt: at(1), completedAt: at(2), outcome: 'successful', assessed: { facts: facts(), answers: calmAnswers } }));
    await append(changeStreamId(second), changeLife(second, 2, [payments, ledger], { raisedAt: at(2), completedAt: at(3, '12:00'), outcome: 'successful', assessed: { facts: facts({ dependentServiceCount: 4 }), answers: calmAnswers } }));
    const changed = await append(changeStreamId(third), changeLife(third, 3, [payments], { raisedAt: at(4), completedAt: at(5), outcome: 'backed-out', assessed: { facts: facts({ expectedOutageMinutes: 90 }), answers: calmAnswers } }));
    const incident = newId();
    const seeded = await append(incidentStreamId(incident), [
      event('IncidentOpened', {
        incidentId: incident, number: 'INC0000042', callerId: 'carol', shortDescription: 'Payments fail', description: 'spec', serviceId: payments,
        offeringId: null, impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: at(3, '13:00'),
      }),
      event('IncidentLinkedToChange', { incidentId: incident, changeId: second, changeNumber: 'CHG0000002', relation: 'caused-by', linkedAt: at(3, '13:30') }),
      event('IncidentResolved', {
        incidentId: incident, code: 'solved-permanently', notes: 'rolled forward', previousState: 'in-progress', state: 'resolved', childIncidentIds: [],
        resolvedWithParentIncidentId: null, resolvedAt: at(3, '15:00'),
      }),
    ]);
    // Each projection moves only for its own event types: wait for each at its last write.
    await app.caughtUp(registered, ['ServiceRegistered']);
    await app.caughtUp(changed, ['ChangeCompleted']);
    await app.caughtUp(seeded, ['IncidentResolved']);
  });

  afterAll(() => app?.close());

  describe('GET /services/:id/dora', () => {
    it('answers every figure with its numerator, denominator, changes and incidents', async () => {
      const answer = await get(dora(payments));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        serviceId: payments, serviceNumber: 'SVC0000001', serviceName: 'Payments', from: at(1), to: at(15), reworkWindowDays: 7,
        deploymentFrequency: { value: 0.2143, perWeek: 1.5, unit: 'deployments per day', numerator: 3, denominator: 14, changes: ['CHG0000001', 'CHG0000002', 'CHG0000003'], incidents: [] },
        leadTime: {
          value: 1440, p90: 2160, unit: 'minutes (median)', numerator: 3, denominator: 3, changes: ['CHG0000001', 'CHG0000002', 'CHG0000003'], incidents: [],
          details: [{ change: 'CHG0000001', minutes: 1440 }, { change: 'CHG0000002', minutes: 2160 }, { change: 'CHG0000003', minutes: 1440 }],
        },
        changeFailureRate: { value: 0.6667, unit: 'ratio', numerator: 2, denominator: 3, changes: ['CHG0000002', 'CHG0000003'], incidents: ['INC0000042'] },
        recoveryTime: {
          value: 120, unit: 'minutes (median)', numerator: 1, denominator: 1, changes: ['CHG0000002'], incidents: ['INC0000042'],
          details: [{ change: 'CHG0000002', incident: 'INC0000042', minutes: 120 }],
        },
        reworkRate: { value: 0.3333, unit: 'ratio', numerator: 1, denominator: 3, changes: ['CHG0000003'], incidents: [], details: [{ change: 'CHG0000003', after: ['CHG0000002'] }] },
      });
      // Another reader role, and the other service: only CHG0000002 touched it.
      const ledgerDora = await get(dora(ledger), manager);
      expect([ledgerDora.status, ledgerDora.body.deploymentFrequency.changes]).toEqual([200, ['CHG0000002']]);
    });

    it('sees a write at once with X-Wait-For-Position (read your writes through the deliveries)', async () => {
      const fourth = newId();
      const written = await append(changeStreamId(fourth), changeLife(fourth, 4, [ledger], { raisedAt: at(10), completedAt: at(11), outcome: 'failed' }));
      const answer = await get(dora(ledger), auditor, { 'x-wait-for-position': String(written) });
      expect(answer.body.changeFailureRate).toMatchObject({ numerator: 2, denominator: 2, changes: ['CHG0000002', 'CHG0000004'] });
    });

    it.each([
      ['a date without time', `from=2030-05-01&to=${at(15)}`, 'from'],
      ['a local time without offset', `from=2030-05-01T00:00:00&to=${at(15)}`, 'from'],
      ['an impossible date', `from=${at(1)}&to=2030-02-30T00:00:00Z`, 'to'],
      ['to before from', `from=${at(15)}&to=${at(1)}`, 'to'],
      ['to equal to from', `from=${at(1)}&to=${at(1)}`, 'to'],
      ['a range over 366 days', `from=2029-01-01T00:00:00Z&to=2030-05-01T00:00:00Z`, 'to'],
      ['no to', `from=${at(1)}`, 'to'],
      ['no range at all', '', 'from'],
      ['an unknown query key', `from=${at(1)}&to=${at(15)}&service=x`, 'service'],
    ])('refuses %s with 400 problem+json naming the field', async (_case, query, field) => {
      const answer = await get(dora(payments, query));
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('answers 404 for a service the changes do not know, 400 for a malformed id, 403 to a requester and 401 without credentials', async () => {
      expectProblem(await get(dora(newId())), 404);
      const malformed = await get(dora('not-a-uuid'));
      expectProblem(malformed, 400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
      expectProblem(await get(dora(payments), requester), 403);
      expectProblem(await call(api(dora(payments))), 401);
    });
  });

  describe('POST /changes/risk/backtest', () => {
    it('replays the assessed changes under the policy they were assessed with: no level moves', async () => {
      const answer = await post('/changes/risk/backtest', DEFAULT_RISK_POLICY);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ candidateVersion: '2026-12.1', changesReplayed: 3, changedLevel: 0, examples: [], notReplayed: [], recordedPolicyVersions: { '2026-12.1': 3 } });
      // Recorded low (CHG0000001), moderate (4 dependents: CHG0000002) and high (a 90-minute outage: CHG0000003, backed out).
      expect(answer.body.moves).toEqual({
        low: { low: 1, moderate: 0, high: 0, 'very-high': 0 },
        moderate: { low: 0, moderate: 1, high: 0, 'very-high': 0 },
        high: { low: 0, moderate: 0, high: 1, 'very-high': 0 },
        'very-high': { low: 0, moderate: 0, high: 0, 'very-high': 0 },
      });
      expect(answer.body.byRecordedLevel.high).toEqual({
        changes: 1,
        outcomes: { successful: 0, 'successful-with-issues': 0, failed: 0, 'backed-out': 1, notCompleted: 0 },
        failureRate: { numerator: 1, denominator: 1 },
        causedIncidents: 0,
      });
    });

    it('reports how many would change level under a stricter candidate, and how each level’s changes turned out', async () => {
      const stricter = {
        ...DEFAULT_RISK_POLICY,
        version: '2027-01.1',
        rules: DEFAULT_RISK_POLICY.rules.map((rule) => (rule.id === 'outage' ? { ...rule, level: 'very-high' } : rule)),
      };
      const answer = await post('/changes/risk/backtest', stricter);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        candidateVersion: '2027-01.1',
        changesReplayed: 3,
        changedLevel: 1,
        examples: [{ changeId: third, number: 'CHG0000003', from: 'high', to: 'very-high' }],
      });
      expect(answer.body.moves.high).toEqual({ low: 0, moderate: 0, high: 0, 'very-high': 1 });
      expect(answer.body.byCandidateLevel['very-high']).toMatchObject({ changes: 1, failureRate: { numerator: 1, denominator: 1 } });
    });

    it('refuses a policy that does not parse with 400 listing every problem under its path', async () => {
      const broken = {
        ...DEFAULT_RISK_POLICY,
        rules: [{ ...DEFAULT_RISK_POLICY.rules[0], when: { fact: 'maxServiceCriticality', atleast: 'high' } }],
        questionnaire: { ...DEFAULT_RISK_POLICY.questionnaire, thresholds: { moderate: 6, high: 4, 'very-high': 19 } },
      };
      const answer = await post('/changes/risk/backtest', broken);
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([
        { field: 'rules[0].when.atleast', message: expect.stringMatching(/is not a known field/) },
        { field: 'rules[0].when.atLeast', message: 'is required' },
        { field: 'questionnaire.thresholds.high', message: 'must be above moderate (6), not 4' },
      ]);
      expectProblem(await post('/changes/risk/backtest', [1, 2]), 400);
    });

    it('is for change managers (and admins): 403 to an auditor', async () => {
      expectProblem(await post('/changes/risk/backtest', DEFAULT_RISK_POLICY, auditor), 403);
    });
  });

  it('documents both routes in OpenAPI', async () => {
    const document = await call(`${app.baseUrl}/api/docs-json`);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/v1/services/{id}/dora', '/api/v1/changes/risk/backtest']));
  });
});
