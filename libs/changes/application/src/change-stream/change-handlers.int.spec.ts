import { changeStreamId, freezeWindowStreamId, serviceStreamId, type ChangeEvent } from '@itsm/contracts';
import { IllegalTransition, newId, RuleViolation, WrongExpectedRevisionError, type RecordedEvent } from '@itsm/event-sourcing';
import { defaultApprovalPolicy, DEFAULT_RISK_POLICY, materialContentHash, RiskQuestionnaireIncomplete, type RaisedChange } from '@itsm/changes-domain';
// The host joins the application and the read models; so does this spec (the handlers ask the change list and the
// conflict detection through ports).
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { ChangeNotFound } from '../errors';
import { changeInput, metadataOf, openChangesTestKit, type ChangesTestKit } from '../testing/changes-test-kit';

const requester = metadataOf('rita', 'agent');
const manager = metadataOf('mia', 'change-manager');
const cab = (id: string) => metadataOf(id, 'cab-member');
const implementer = metadataOf('dba-1', 'agent');

/** Every question answered with its best answer (score 0). */
const bestAnswers = Object.fromEntries(DEFAULT_RISK_POLICY.questionnaire.questions.map((question) => [question.id, question.answers[0].id]));
const calm = { answers: bestAnswers, expectedOutageMinutes: 0 };

const typesOf = (events: readonly RecordedEvent[]) => events.map((event) => event.type);
const eventOf = <T extends ChangeEvent['type']>(events: readonly RecordedEvent[], type: T) =>
  events.find((event) => event.type === type) as unknown as Extract<ChangeEvent, { type: T }>;

describe('the change handlers on PGlite (write pipeline, catalog copy, change list, conflict detection)', () => {
  let kit: ChangesTestKit;
  const policies = {
    risk: DEFAULT_RISK_POLICY,
    approval: defaultApprovalPolicy({ cab: ['cab-1', 'cab-2', 'cab-3'], ecab: ['ecab-1', 'ecab-2', 'ecab-3'] }),
    implementerLookBackDays: 90,
  };

  beforeAll(async () => {
    kit = await openChangesTestKit({ queries: createChangesReadModels, readModelProjections: changesProjections, policies });
  }, 60_000);
  afterAll(() => kit?.close());

  const raise = async (serviceIds: string[], overrides: Parameters<typeof changeInput>[1] = {}) =>
    (await kit.handlers.raise.execute(changeInput(serviceIds, overrides), requester)).id;

  /** A normal change on a plain service, submitted and assessed low: technical stage open. */
  const inAuthorize = async (serviceIds?: string[]): Promise<string> => {
    const id = await raise(serviceIds ?? [await kit.publishService()]);
    await kit.settle();
    await kit.handlers.submit.execute(id, requester);
    await kit.handlers.assess.execute(id, calm, manager);
    return id;
  };

  const scheduled = async (serviceIds?: string[]): Promise<string> => {
    const id = await inAuthorize(serviceIds);
    await kit.handlers.decide.execute(id, { decision: 'approve' }, cab('cab-1'));
    return id;
  };

  describe('assessing the risk', () => {
    it('gathers the facts from the catalog copy and the change, applies the risk policy, and opens the stages the approval policy gives its level', async () => {
      const core = await kit.publishService({ criticality: 'critical', maintenance: { timeZone: 'UTC', windows: [{ day: 'sat', from: '20:00', to: '23:00' }] } });
      const api = await kit.publishService({ dependsOn: [core] });
      await kit.publishService({ dependsOn: [api] });
      await kit.publishService({ dependsOn: [core] });
      const id = await raise([core]);
      await kit.settle();
      await kit.handlers.submit.execute(id, requester);

      const { events, change } = await kit.handlers.assess.execute(id, { answers: bestAnswers, expectedOutageMinutes: 90 }, manager);

      expect(typesOf(events)).toEqual(['ChangeRiskAssessed', 'ChangeApprovalRequested']);
      const assessed = eventOf(events, 'ChangeRiskAssessed').data;
      expect(assessed.inputs).toEqual({
        facts: {
          changeType: 'normal', serviceCriticalities: ['critical'], dependentServiceCount: 3, expectedOutageMinutes: 90,
          outsideMaintenanceWindow: true, implementerRecentFailureRate: { failed: 0, total: 0 },
        },
        answers: bestAnswers,
      });
      expect(assessed).toMatchObject({ level: 'high', policyVersion: DEFAULT_RISK_POLICY.version, ruleLevel: 'high', questionnaireLevel: 'low', trigger: 'requested' });
      expect(assessed.firedRules.map((rule) => rule.rule)).toEqual(['critical-service', 'high-criticality-service', 'some-impact', 'long-outage', 'outage', 'outside-maintenance-window']);
      expect(assessed.changedInputs).toBeUndefined();
      expect(eventOf(events, 'ChangeApprovalRequested').data.stages).toEqual([
        { name: 'technical', quorum: { rule: 'any' }, approvers: [], veto: false },
        { name: 'cab', quorum: { rule: 'majority' }, approvers: ['cab-1', 'cab-2', 'cab-3'], veto: true },
      ]);
      expect([change.state, change.risk?.level]).toEqual(['authorize', 'high']);
    });

    it('counts the implementer group’s failed and backed-out changes of the look-back from the change list', async () => {
      const group = `flaky-${newId()}`;
      const service = await kit.publishService();
      for (const outcome of ['failed', 'backed-out', 'successful', 'successful', 'successful'] as const) {
        const id = await raise([service], { implementer: { group, agent: null } });
        await kit.settle();
        await kit.handlers.submit.execute(id, requester);
        await kit.handlers.assess.execute(id, calm, manager);
        await kit.handlers.decide.execute(id, { decision: 'approve' }, cab('cab-1'));
        await kit.handlers.start.execute(id, metadataOf('ops-1', 'agent'));
        await kit.handlers.complete.execute(id, { outcome, notes: 'done' }, metadataOf('ops-1', 'agent'));
      }
      const id = await raise([service], { implementer: { group, agent: null } });
      await kit.settle();
      await kit.handlers.submit.execute(id, requester);

      const { events } = await kit.handlers.assess.execute(id, calm, manager);

      const assessed = eventOf(events, 'ChangeRiskAssessed').data;
      expect(assessed.inputs?.facts.implementerRecentFailureRate).toEqual({ failed: 2, total: 5 });
      expect(assessed.firedRules.map((rule) => rule.rule)).toEqual(['implementer-failure-rate']);
      expect(assessed.level).toBe('high');
    });

    it('refuses an incomplete questionnaire with the questions missing, writing nothing', async () => {
      const id = await raise([await kit.publishService()]);
      await kit.handlers.submit.execute(id, requester);
      const { revision } = await kit.streams.load(id);
      await expect(kit.handlers.assess.execute(id, { answers: { tested: 'fully' }, expectedOutageMinutes: 0 }, manager)).rejects.toThrow(RiskQuestionnaireIncomplete);
      await expect(kit.handlers.assess.execute(id, { answers: { ...bestAnswers, tested: 'maybe' }, expectedOutageMinutes: 0 }, manager)).rejects.toThrow(/Unknown risk questionnaire answer: "maybe" to "tested"/);
      expect((await kit.streams.load(id)).revision).toBe(revision);
    });

    it('refuses assessing a change not submitted, and a standard change at all', async () => {
      const id = await raise([await kit.publishService()]);
      await expect(kit.handlers.assess.execute(id, calm, manager)).rejects.toThrow(IllegalTransition);
      // A standard change follows a pre-approved template the catalog published for its service.
      const service = await kit.publishService();
      await kit.append(serviceStreamId(service), [{ type: 'ChangeTemplateAdded', data: { serviceId: service, templateId: 'restart-app-server', name: 'Restart', steps: ['restart'], preApproved: true } }]);
      await kit.settle();
      const standard = await raise([service], { type: 'standard', templateId: 'restart-app-server' });
      expect((await kit.handlers.submit.execute(standard, requester)).change.state).toBe('scheduled');
      await expect(kit.handlers.assess.execute(standard, calm, manager)).rejects.toThrow(/standard change: it is pre-approved by its template and is not assessed/);
    });
  });

  describe('submitting', () => {
    it('opens the ECAB stage of the approval policy for an emergency change; two of its members authorize and schedule it', async () => {
      const id = await raise([await kit.publishService()], { type: 'emergency' });
      const { events } = await kit.handlers.submit.execute(id, requester);
      expect(eventOf(events, 'ChangeApprovalRequested').data.stages).toEqual([
        { name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: ['ecab-1', 'ecab-2', 'ecab-3'], veto: false },
      ]);
      await expect(kit.handlers.decide.execute(id, { decision: 'approve' }, cab('cab-1'))).rejects.toThrow('cab-1 is not an approver of stage ecab of change');
      await kit.handlers.decide.execute(id, { decision: 'approve' }, cab('ecab-1'));
      const { change } = await kit.handlers.decide.execute(id, { decision: 'approve' }, cab('ecab-2'));
      expect(change.state).toBe('scheduled');
    });

    it('sends a normal change to assess, and refuses a second submission', async () => {
      const id = await raise([await kit.publishService()]);
      expect((await kit.handlers.submit.execute(id, requester)).change.state).toBe('assess');
      await expect(kit.handlers.submit.execute(id, requester)).rejects.toThrow(IllegalTransition);
    });
  });

  describe('approval decisions', () => {
    it('decides on the content the approver saw: the current content when no hash is sent, refused when it changed since', async () => {
      const id = await inAuthorize();
      const before = (await kit.streams.load(id)).change;
      await expect(kit.handlers.decide.execute(id, { decision: 'approve', seenHash: materialContentHash({ ...before, testPlan: 'other' }) }, cab('cab-1'))).rejects.toThrow(
        /has changed since cab-1 saw it/,
      );
      const { events, change } = await kit.handlers.decide.execute(id, { decision: 'approve', comment: 'Fine', seenHash: materialContentHash(before) }, cab('cab-1'));
      expect(eventOf(events, 'ChangeApprovalRecorded').data).toMatchObject({ approverId: 'cab-1', decision: 'approve', comment: 'Fine', seenHash: materialContentHash(before) });
      expect(change.state).toBe('scheduled');
    });

    it('refuses the requester, the implementer and a caller acting in another role', async () => {
      const id = await inAuthorize();
      await expect(kit.handlers.decide.execute(id, { decision: 'approve' }, metadataOf('rita', 'change-manager'))).rejects.toThrow(/requester cannot approve/);
      await expect(kit.handlers.decide.execute(id, { decision: 'approve' }, metadataOf('dba-1', 'cab-member'))).rejects.toThrow(/implementer cannot approve/);
      await expect(kit.handlers.decide.execute(id, { decision: 'approve' }, metadataOf('adam', 'agent'))).rejects.toThrow(RuleViolation);
      await expect(kit.handlers.decide.execute(id, { decision: 'reject', comment: ' ' }, cab('cab-1'))).rejects.toThrow('The reason for rejecting must not be blank');
    });
  });

  describe('a material edit', () => {
    it('after one approval lapses it, re-assesses on the moved facts with the same answers, and opens a new round: the events say why', async () => {
      const service = await kit.publishService({ maintenance: { timeZone: 'UTC', windows: [{ day: 'sun', from: '19:00', to: '23:00' }] } });
      const id = await raise([service], { plannedStart: '2030-03-10T20:00:00.000Z', plannedEnd: '2030-03-10T22:00:00.000Z' });
      await kit.settle();
      await kit.handlers.submit.execute(id, requester);
      const answers = { ...bestAnswers, tested: 'partially' };
      await kit.handlers.assess.execute(id, { answers, expectedOutageMinutes: 30 }, manager);
      const { change: moderate } = await kit.handlers.decide.execute(id, { decision: 'approve' }, cab('cab-1'));
      expect([moderate.risk?.level, moderate.approval?.stages.map((s) => s.name), moderate.approval?.currentStage]).toEqual(['moderate', ['technical', 'cab'], 1]);

      // Monday morning: outside the service's Sunday evening window.
      const { events, change } = await kit.handlers.update.execute(id, { plannedStart: '2030-03-11T08:00:00.000Z', plannedEnd: '2030-03-11T10:00:00.000Z' }, requester);

      expect(typesOf(events)).toEqual(['ChangeUpdated', 'ChangeApprovalsLapsed', 'ChangeRiskAssessed', 'ChangeApprovalRequested']);
      expect(eventOf(events, 'ChangeApprovalsLapsed').data).toMatchObject({
        reason: 'material-change',
        fields: ['plannedStart', 'plannedEnd'],
        lapsedApprovals: [{ stage: 'technical', approverId: 'cab-1', decision: 'approve' }],
        previousState: 'authorize',
        state: 'assess',
      });
      expect(eventOf(events, 'ChangeRiskAssessed').data).toMatchObject({
        trigger: 'material-edit',
        changedInputs: ['outsideMaintenanceWindow'],
        previousLevel: 'moderate',
        level: 'moderate',
        inputs: { answers, facts: { expectedOutageMinutes: 30, outsideMaintenanceWindow: true } },
      });
      expect(eventOf(events, 'ChangeApprovalRequested').data).toMatchObject({ round: 2, currentStage: 'technical' });
      expect([change.state, change.riskAssessmentDue, change.approval?.round, change.approval?.decisions]).toEqual(['authorize', false, 2, []]);
    });

    it('of a change not assessed yet only makes the assessment due; an edit of the texts changes no risk', async () => {
      const id = await raise([await kit.publishService()]);
      await kit.handlers.submit.execute(id, requester);
      const { events } = await kit.handlers.update.execute(id, { testPlan: 'More tests' }, requester);
      expect(typesOf(events)).toEqual(['ChangeUpdated']);
      const assessed = await inAuthorize();
      const { events: texts } = await kit.handlers.update.execute(assessed, { description: 'Clearer words' }, requester);
      expect(typesOf(texts)).toEqual(['ChangeUpdated']);
    });

    it('takes If-Match: a stale revision is refused and writes nothing', async () => {
      const id = await raise([await kit.publishService()]);
      await expect(kit.handlers.update.execute(id, { testPlan: 'x' }, requester, { expectedRevision: 5 })).rejects.toThrow(WrongExpectedRevisionError);
      expect((await kit.handlers.update.execute(id, { testPlan: 'x' }, requester, { expectedRevision: 0 })).revision).toBe(1);
    });
  });

  describe('switching the type', () => {
    it('switches a new change, and refuses once anyone has decided on it', async () => {
      const id = await raise([await kit.publishService()]);
      expect((await kit.handlers.switchType.execute(id, { type: 'emergency' }, requester)).change.type).toBe('emergency');
      await kit.handlers.submit.execute(id, requester);
      await kit.handlers.decide.execute(id, { decision: 'reject', comment: 'Not an emergency' }, metadataOf('ecab-1', 'cab-member'));
      const { change } = await kit.handlers.decide.execute(id, { decision: 'reject', comment: 'Not urgent' }, metadataOf('ecab-2', 'cab-member'));
      expect(change.state).toBe('new');
      await expect(kit.handlers.switchType.execute(id, { type: 'normal' }, requester)).rejects.toThrow(/has had approval decisions/);
    });

    it('checks the template of a switch to standard against the catalog copy, as for a raise', async () => {
      const [service, other] = [await kit.publishService(), await kit.publishService()];
      await kit.append(serviceStreamId(service), [{ type: 'ChangeTemplateAdded', data: { serviceId: service, templateId: 'restart-web', name: 'Restart', steps: ['restart'], preApproved: true } }]);
      await kit.append(serviceStreamId(other), [{ type: 'ChangeTemplateAdded', data: { serviceId: other, templateId: 'resize-disk', name: 'Resize', steps: ['resize'], preApproved: false } }]);
      await kit.settle();
      const id = await raise([service]);
      await expect(kit.handlers.switchType.execute(id, { type: 'standard', templateId: 'never-published' }, requester)).rejects.toThrow('The change template never-published is not in the catalog');
      await expect(kit.handlers.switchType.execute(id, { type: 'standard', templateId: 'resize-disk' }, requester)).rejects.toThrow(/resize-disk is not pre-approved/);
      expect((await kit.handlers.switchType.execute(id, { type: 'standard', templateId: 'restart-web' }, requester)).change).toMatchObject({ type: 'standard', templateId: 'restart-web' });
    });
  });

  describe('scheduling', () => {
    it('refuses the approval that would schedule a normal change, and a standard change’s submission, while a freeze blocks their window; lifted, both go', async () => {
      const service = await kit.publishService();
      await kit.append(serviceStreamId(service), [{ type: 'ChangeTemplateAdded', data: { serviceId: service, templateId: 'rotate-certs', name: 'Rotate', steps: ['rotate'], preApproved: true } }]);
      const freezeWindowId = newId();
      await kit.append(freezeWindowStreamId(freezeWindowId), [
        { type: 'FreezeWindowDeclared', data: { freezeWindowId, name: 'Audit week', reason: 'auditors', from: '2030-03-10T00:00:00.000Z', to: '2030-03-11T00:00:00.000Z', serviceIds: [service], declaredAt: '2030-03-01T00:00:00.000Z' } },
      ]);
      await kit.settle();
      const normal = await inAuthorize([service]);
      const standard = await raise([service], { type: 'standard', templateId: 'rotate-certs', plannedStart: '2030-03-10T12:00:00.000Z', plannedEnd: '2030-03-10T13:00:00.000Z' });
      const revisionBefore = (await kit.store.readStream(changeStreamId(normal))).length;

      await expect(kit.handlers.decide.execute(normal, { decision: 'approve' }, cab('cab-1'))).rejects.toThrow(/cannot be scheduled while conflicts block it: freeze-window \(.*Audit week/);
      await expect(kit.handlers.submit.execute(standard, requester)).rejects.toThrow(/cannot be scheduled while conflicts block it: freeze-window \(.*Audit week/);
      // Refused: nothing written, both still waiting where they were.
      expect((await kit.store.readStream(changeStreamId(normal))).length).toBe(revisionBefore);
      // A rejection is taken whatever blocks the window.
      expect((await kit.handlers.decide.execute(normal, { decision: 'reject', comment: 'Not in audit week' }, cab('cab-2'))).change.state).toBe('authorize');

      await kit.append(freezeWindowStreamId(freezeWindowId), [{ type: 'FreezeWindowLifted', data: { freezeWindowId, reason: 'audit moved', wasInForce: false, liftedAt: '2030-03-02T00:00:00.000Z' } }]);
      await kit.settle();
      expect((await kit.handlers.decide.execute(normal, { decision: 'approve' }, cab('cab-1'))).change.state).toBe('scheduled');
      expect((await kit.handlers.submit.execute(standard, requester)).change.state).toBe('scheduled');
    });
  });

  describe('starting', () => {
    it('asks the live conflict detection: a freeze over its service blocks a normal change, not an emergency one', async () => {
      const service = await kit.publishService();
      const normal = await scheduled([service]);
      const emergency = await raise([service], { type: 'emergency', plannedStart: '2030-03-10T12:00:00.000Z', plannedEnd: '2030-03-10T13:00:00.000Z' });
      await kit.handlers.submit.execute(emergency, requester);
      await kit.handlers.decide.execute(emergency, { decision: 'approve' }, cab('ecab-1'));
      await kit.handlers.decide.execute(emergency, { decision: 'approve' }, cab('ecab-2'));
      const freezeWindowId = newId();
      await kit.append(freezeWindowStreamId(freezeWindowId), [
        { type: 'FreezeWindowDeclared', data: { freezeWindowId, name: 'Year end', reason: 'closing', from: '2030-03-10T00:00:00.000Z', to: '2030-03-11T00:00:00.000Z', serviceIds: [service], declaredAt: '2030-03-01T00:00:00.000Z' } },
      ]);
      await kit.settle();

      await expect(kit.handlers.start.execute(normal, implementer)).rejects.toThrow(/cannot start while conflicts block it: freeze-window \(.*Year end/);
      expect((await kit.handlers.start.execute(emergency, implementer)).change.state).toBe('implement');
    });

    it('starts a scheduled change without conflicts; refuses one not scheduled', async () => {
      const id = await scheduled();
      await kit.settle();
      expect((await kit.handlers.start.execute(id, implementer)).change.state).toBe('implement');
      await expect(kit.handlers.start.execute(id, implementer)).rejects.toThrow(IllegalTransition);
    });
  });

  describe('completing, reviewing, closing, canceling', () => {
    const implemented = async () => {
      const id = await scheduled();
      await kit.settle();
      await kit.handlers.start.execute(id, implementer);
      return id;
    };

    it('a failed change needs its review before it closes; the review is recorded once', async () => {
      const id = await implemented();
      expect((await kit.handlers.complete.execute(id, { outcome: 'failed', notes: 'Rolled forward failed' }, implementer)).change.completion).toMatchObject({
        outcome: 'failed', reviewRequired: true,
      });
      await expect(kit.handlers.close.execute(id, manager)).rejects.toThrow('A post-implementation review is required before closing a failed change');
      const reviewed = await kit.handlers.review.execute(id, { summary: 'Missed a step', lessons: 'Rehearse', followUpActions: ['Add a check'] }, manager);
      expect(reviewed.change.review).toMatchObject({ summary: 'Missed a step', lessons: 'Rehearse', followUpActions: ['Add a check'], reviewedBy: 'mia' });
      await expect(kit.handlers.review.execute(id, { summary: 'again' }, manager)).rejects.toThrow(IllegalTransition);
      expect((await kit.handlers.close.execute(id, manager)).change.state).toBe('closed');
    });

    it('a successful change closes without a review', async () => {
      const id = await implemented();
      await kit.handlers.complete.execute(id, { outcome: 'successful', notes: 'ok' }, implementer);
      expect((await kit.handlers.close.execute(id, manager)).change.state).toBe('closed');
    });

    it('cancels with a reason before review, the approvals awaited with it; not after', async () => {
      const id = await inAuthorize();
      const { events, change } = await kit.handlers.cancel.execute(id, { reason: 'No longer needed' }, requester);
      expect(typesOf(events)).toEqual(['ChangeCanceled', 'ChangeApprovalsCanceled']);
      expect(change.state).toBe('canceled');
      await expect(kit.handlers.cancel.execute(id, { reason: 'again' }, requester)).rejects.toThrow(IllegalTransition);
      const done = await implemented();
      await kit.handlers.complete.execute(done, { outcome: 'successful', notes: 'ok' }, implementer);
      await expect(kit.handlers.cancel.execute(done, { reason: 'too late' }, requester)).rejects.toThrow(/is review: cannot be canceled/);
    });
  });

  it('answers ChangeNotFound for an unknown change or an id that is not a uuid, for every command', async () => {
    await expect(kit.handlers.submit.execute(newId(), requester)).rejects.toThrow(ChangeNotFound);
    await expect(kit.handlers.update.execute('CHG0000001', { testPlan: 'x' }, requester)).rejects.toThrow(ChangeNotFound);
    await expect(kit.streams.load(newId())).rejects.toThrow(ChangeNotFound);
  });

  it('loads a change as it was at a time (asOf)', async () => {
    kit.clock.set('2030-03-02T10:00:00.000Z');
    const id = await raise([await kit.publishService()]);
    const at = new Date();
    await new Promise((resume) => setTimeout(resume, 5));
    await kit.handlers.submit.execute(id, requester);
    const then: RaisedChange = (await kit.streams.load(id, { asOf: at })).change;
    expect([then.state, (await kit.streams.load(id)).change.state]).toEqual(['new', 'assess']);
  });
});
