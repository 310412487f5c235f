import { CHANGE_STATES } from '@itsm/contracts';
import { fold } from '@itsm/event-sourcing';
import { changeDecider } from './decide';
import type { ChangeEvent } from './events';
import {
  approvalRecorded, approvalRequested, approvalsCanceled, approvalsLapsed, at, cabStage, canceled, causedIncidentRecorded,
  causedIncidentRemoved, changeId, completed, fields, histories, incidentId, number, raised, rejected, requester, reviewed,
  riskAssessed, stage, stageApproved, typeChanged, updated, templateId, seenHash,
} from './change.builders';
import type { RaisedChange } from './state';

const foldRaised = (events: ChangeEvent[]) => fold(changeDecider, events) as RaisedChange;

describe('Change state (the record folded from its events, as asOf shows it)', () => {
  it('starts unraised, and ignores anything before it is raised', () => {
    expect(changeDecider.initialState()).toEqual({ status: 'unraised' });
    expect(fold(changeDecider, [canceled()])).toEqual({ status: 'unraised' });
  });

  it('holds the whole record after raising', () => {
    expect(fold(changeDecider, histories.normal.new)).toEqual({
      status: 'raised',
      changeId,
      number,
      type: 'normal',
      templateId: null,
      requesterId: requester.id,
      ...fields,
      state: 'new',
      risk: null,
      riskAssessmentDue: true,
      approval: null,
      approvalEverRecorded: false,
      completion: null,
      review: null,
      causedIncidents: [],
      cancelReason: null,
      raisedAt: at,
    });
  });

  it('does not ask a standard change for a risk assessment: its template pre-approved it', () => {
    expect(foldRaised(histories.standard.new).riskAssessmentDue).toBe(false);
  });

  const everyHistory = (['normal', 'standard', 'emergency'] as const).flatMap((type) =>
    Object.entries(histories[type]).map(([state, events]) => [type, state, events] as const),
  );
  it.each(everyHistory)('a %s change is %s after the events that lead there', (_type, state, events) => {
    expect(CHANGE_STATES).toContain(state);
    expect(foldRaised([...events]).state).toBe(state);
  });

  it('applies an edit and its risk flag', () => {
    const change = foldRaised([...histories.normal.assess, updated({ testPlan: 'New tests', serviceIds: ['svc-hr'] }, { materialFields: ['testPlan', 'serviceIds'] })]);
    expect(change).toMatchObject({ testPlan: 'New tests', serviceIds: ['svc-hr'], riskAssessmentDue: true, description: fields.description });
  });

  it('switches type and template', () => {
    expect(foldRaised([raised(), typeChanged('normal', 'standard')])).toMatchObject({ type: 'standard', templateId, riskAssessmentDue: false });
    expect(foldRaised([raised({ type: 'standard', templateId }), typeChanged('standard', 'emergency')])).toMatchObject({ type: 'emergency', templateId: null, riskAssessmentDue: true });
  });

  it('keeps the last risk assessment and clears the flag', () => {
    const change = foldRaised(histories.normal.authorize);
    expect(change.riskAssessmentDue).toBe(false);
    expect(change.risk).toEqual({
      level: 'moderate',
      policyVersion: 'risk-policy-1',
      firedRules: [{ rule: 'touches-payroll', level: 'moderate', reason: 'Payroll is business critical' }],
      questionScores: [{ question: 'Is an outage needed?', answer: 'yes', score: 3 }],
      ruleLevel: 'moderate',
      questionnaireLevel: 'low',
      assessedAt: at,
      inputs: null,
    });
    expect(foldRaised([...histories.normal.authorize, riskAssessed({ level: 'high', ruleLevel: 'high' })]).risk?.level).toBe('high');
  });

  describe('the approval round', () => {
    const technical = stage({ name: 'technical', approvers: ['tech-1'] });
    const requested = [...histories.normal.assess, riskAssessed(), approvalRequested([technical, cabStage])];

    it('opens at its first stage, with no decision yet', () => {
      expect(foldRaised(requested).approval).toEqual({ round: 1, stages: [technical, cabStage], currentStage: 0, decisions: [], status: 'pending' });
    });
    it('keeps each decision, and remembers that someone decided', () => {
      const change = foldRaised([...requested, approvalRecorded('tech-1', 'approve', { approvals: 1, rejections: 0, eligible: 1 }, { stage: 'technical' })]);
      expect(change.approval?.decisions).toEqual([
        { stage: 'technical', approverId: 'tech-1', decision: 'approve', comment: '', seenHash, recordedAt: at },
      ]);
      expect(change.approvalEverRecorded).toBe(true);
    });
    it('moves to the next stage, then is approved', () => {
      const moved = [...requested, stageApproved('technical', ['tech-1'], 'cab')];
      expect(foldRaised(moved).approval?.currentStage).toBe(1);
      expect(foldRaised(histories.normal.scheduled).approval).toMatchObject({ currentStage: null, status: 'approved' });
    });
    it('ends rejected (and stays so when its pending approvals are canceled), lapsed, or canceled', () => {
      const rejection = [...requested, rejected(['tech-1']), approvalsCanceled('rejected', [{ stage: 'cab', awaiting: [] }])];
      expect(foldRaised(rejection)).toMatchObject({ state: 'new', approval: { status: 'rejected', currentStage: null } });
      expect(foldRaised([...requested, approvalsLapsed({ previousState: 'authorize' })])).toMatchObject({ state: 'assess', approval: { status: 'lapsed' } });
      expect(foldRaised([...requested, canceled('authorize'), approvalsCanceled('canceled', [])])).toMatchObject({ state: 'canceled', approval: { status: 'canceled' } });
    });
  });

  it('keeps the completion, the review and the cancel reason', () => {
    expect(foldRaised(histories.normal.review).completion).toEqual({ outcome: 'successful', notes: 'Upgraded without trouble', reviewRequired: false, completedAt: at });
    expect(foldRaised([...histories.normal.review, reviewed({ lessons: 'Test restores' })]).review).toEqual({
      summary: 'Went to plan', lessons: 'Test restores', followUpActions: [], reviewedBy: 'manager-1', reviewedAt: at,
    });
    expect(foldRaised([...histories.normal.implement, completed('failed', true)]).completion?.reviewRequired).toBe(true);
    expect(foldRaised(histories.normal.canceled).cancelReason).toBe('No longer needed');
  });

  it('keeps the incidents the change caused, and drops one whose link was removed', () => {
    const other = '0190f3a4-0000-7000-8000-000000001002';
    const recorded = [...histories.normal.closed, causedIncidentRecorded(), causedIncidentRecorded(other, 'INC0000043', 2)];
    expect(foldRaised(recorded).causedIncidents).toEqual([
      { incidentId, incidentNumber: 'INC0000042', linkedAt: '2026-03-11T08:00:00.000Z' },
      { incidentId: other, incidentNumber: 'INC0000043', linkedAt: '2026-03-11T08:00:00.000Z' },
    ]);
    expect(foldRaised([...recorded, causedIncidentRemoved()]).causedIncidents.map((incident) => incident.incidentId)).toEqual([other]);
    expect(foldRaised([...recorded, causedIncidentRemoved()]).state).toBe('closed');
  });
});
