import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { ChangeApprovalStage, ChangeRiskInputs } from '@itsm/contracts';
import type { ChangeCommand } from './commands';
import { changeDecider } from './decide';
import type { ChangeEvent } from './events';
import {
  approvalRecorded, approvalRequested, approvalsCanceled, approvalsLapsed, approve, assessRisk, authorized, cabStage, cancel,
  canceled, causedIncidentRecorded, causedIncidentRemoved, close, closed, complete, completed, ecabStage, fields, hashOf, histories,
  hrService, incidentId, payrollService, raise, raised, raisedEmergency, raisedStandard, raiseStandard, recordCausedIncident, reject,
  rejected, removeCausedIncident, review, reviewed, riskAssessed, scheduled, stage, stageApproved, start, started, submit,
  submitted, switchType, templateId, typeChanged, update, updated,
} from './change.builders';
import type { RaisedChange } from './state';

const spec = deciderSpecification(changeDecider, expect);
const given = spec.given.bind(spec);
const stateAfter = (events: ChangeEvent[]) => (fold(changeDecider, events) as RaisedChange).state;

/** A two-stage approval: the technical reviewers must all agree (either can veto), then anyone on the CAB. */
const technical = stage({ name: 'technical', quorum: { rule: 'unanimous' }, approvers: ['tech-1', 'tech-2'], veto: true });
const twoStages = [technical, cabStage];
const authorizeWith = (stages: ChangeApprovalStage[]) => [...histories.normal.assess, riskAssessed(), approvalRequested(stages)];
/** Two of three named CAB members, no veto. */
const twoOfThree = stage({ quorum: { rule: 'n-of-m', n: 2 }, approvers: ['cab-1', 'cab-2', 'cab-3'] });

describe('Change decider', () => {
  describe('when not raised yet', () => {
    it('raises a normal change with its fields, its number, the requester who raised it, in state new', () => {
      given([]).when(raise()).then([raised()]);
    });
    it('raises a standard change from its template', () => {
      given([]).when(raiseStandard()).then([raisedStandard()]);
    });
    it('raises a standard change from a pre-approved catalog template of one of its services, and refuses any other', () => {
      given([]).when(raiseStandard({ template: { serviceId: payrollService, preApproved: true } })).then([raisedStandard()]);
      given([]).when(raiseStandard({ template: null })).thenThrows(RuleViolation, `The change template ${templateId} is not in the catalog`);
      given([])
        .when(raiseStandard({ template: { serviceId: payrollService, preApproved: false } }))
        .thenThrows(RuleViolation, `The change template ${templateId} is not pre-approved: raise a normal change`);
      given([])
        .when(raiseStandard({ template: { serviceId: hrService, preApproved: true } }))
        .thenThrows(RuleViolation, `The change template ${templateId} is for service ${hrService}, which the change does not touch`);
    });
    it('raises an emergency change', () => {
      given([]).when(raise({ type: 'emergency' })).then([raisedEmergency()]);
    });
    it('trims the texts and records the planned window in UTC', () => {
      given([])
        .when(raise({ shortDescription: '  Upgrade the payroll database ', plannedStart: '2026-03-10T21:00:00+01:00', plannedEnd: '2026-03-10T23:00:00+01:00' }))
        .then([raised()]);
    });
    it('records an implementer group without an agent as agent null', () => {
      given([]).when(raise({ implementer: { group: 'dba-team' } })).then([raised({ implementer: { group: 'dba-team', agent: null } })]);
    });
    it.each([
      ['shortDescription', 'The short description must not be blank'],
      ['description', 'The description must not be blank'],
      ['justification', 'The justification must not be blank'],
      ['implementationPlan', 'The implementation plan must not be blank'],
      ['backoutPlan', 'The backout plan must not be blank'],
      ['testPlan', 'The test plan must not be blank'],
    ] as const)('refuses a blank %s', (field, message) => {
      given([]).when(raise({ [field]: '   ' })).thenThrows(RuleViolation, message);
    });
    it('counts a text of only zero-width and other invisible characters as blank', () => {
      given([]).when(raise({ shortDescription: '\u200b\u200d\u00a0\n' })).thenThrows(RuleViolation, 'The short description must not be blank');
    });
    it('refuses a short description over 160 characters', () => {
      given([]).when(raise({ shortDescription: 'x'.repeat(161) })).thenThrows(RuleViolation, /at most 160 characters/);
      given([]).when(raise({ shortDescription: 'x'.repeat(160) })).then([raised({ shortDescription: 'x'.repeat(160) })]);
    });
    it('refuses a change without a service, or naming one twice', () => {
      given([]).when(raise({ serviceIds: [] })).thenThrows(RuleViolation, 'The services must name at least one');
      given([]).when(raise({ serviceIds: [payrollService, hrService, payrollService] })).thenThrows(RuleViolation, `The services name ${payrollService} more than once`);
    });
    it('refuses a planned end that is not after the planned start', () => {
      given([]).when(raise({ plannedEnd: fields.plannedStart })).thenThrows(RuleViolation, /planned end .* must be after the planned start/);
    });
    it('refuses a planned time that is not an ISO date-time with an offset', () => {
      given([]).when(raise({ plannedStart: '10/03/2026 20:00' })).thenThrows(RuleViolation, /planned start must be an ISO-8601 date-time/);
      given([]).when(raise({ plannedStart: '2026-03-10T20:00:00' })).thenThrows(RuleViolation, /planned start must be an ISO-8601 date-time/);
    });
    it('refuses an implementer without a group', () => {
      given([]).when(raise({ implementer: { group: ' ', agent: 'dba-1' } })).thenThrows(RuleViolation, 'The implementer group must not be blank');
    });
    it('refuses a standard change without a template, and a template on any other change', () => {
      given([]).when(raise({ type: 'standard' })).thenThrows(RuleViolation, 'A standard change must name its change template');
      given([]).when(raise({ templateId })).thenThrows(RuleViolation, 'A normal change has no change template');
    });
    it('refuses a number that is not CHG…, and an unknown type', () => {
      given([]).when(raise({ number: 'INC0000001' })).thenThrows(RuleViolation, /"INC0000001" is not a change number/);
      given([]).when(raise({ type: 'minor' as never })).thenThrows(RuleViolation, /change type must be one of standard, normal, emergency/);
    });
  });

  describe('when new', () => {
    const history = histories.normal.new;
    it('refuses raising it again', () => {
      given(history).when(raise()).thenThrows(IllegalTransition, 'Change CHG0000001 is already raised');
    });
    it('takes an edit of the fields that change, with their previous values', () => {
      given(history).when(update({ description: 'PostgreSQL 16.2', shortDescription: fields.shortDescription })).then([updated({ description: 'PostgreSQL 16.2' })]);
    });
    it('marks a material edit as such, without lapsing anything: nobody has approved yet', () => {
      given(history)
        .when(update({ serviceIds: [payrollService, hrService] }))
        .then([updated({ serviceIds: [payrollService, hrService] }, { materialFields: ['serviceIds'] })]);
    });
    it('records nothing for an edit that changes nothing (the same services in another order included)', () => {
      const twoServices = [...history, updated({ serviceIds: [payrollService, hrService] }, { materialFields: ['serviceIds'] })];
      given(twoServices).when(update({ serviceIds: [hrService, payrollService], testPlan: fields.testPlan })).thenNothingHappens();
    });
    it('refuses an edit that puts the end before the start, checked against the fields it leaves', () => {
      given(history).when(update({ plannedEnd: '2026-03-10T19:00:00.000Z' })).thenThrows(RuleViolation, /must be after the planned start/);
    });
    it('refuses an edit with a blank field', () => {
      given(history).when(update({ backoutPlan: '' })).thenThrows(RuleViolation, 'The backout plan must not be blank');
    });
    it('switches a normal change to emergency', () => {
      given(history).when(switchType('emergency')).then([typeChanged('normal', 'emergency')]);
    });
    it('switches a normal change to standard only with a template', () => {
      given(history).when(switchType('standard')).thenThrows(RuleViolation, 'A standard change must name its change template');
      given(history).when(switchType('standard', templateId)).then([typeChanged('normal', 'standard')]);
    });
    it('checks the template of a switch to standard as a raise does: published, pre-approved, for one of its services', () => {
      given(history).when(switchType('standard', templateId, { serviceId: payrollService, preApproved: true })).then([typeChanged('normal', 'standard')]);
      given(history).when(switchType('standard', templateId, null)).thenThrows(RuleViolation, `The change template ${templateId} is not in the catalog`);
      given(history)
        .when(switchType('standard', templateId, { serviceId: payrollService, preApproved: false }))
        .thenThrows(RuleViolation, `The change template ${templateId} is not pre-approved: raise a normal change`);
      given(history)
        .when(switchType('standard', templateId, { serviceId: hrService, preApproved: true }))
        .thenThrows(RuleViolation, `The change template ${templateId} is for service ${hrService}, which the change does not touch`);
    });
    it('switches a standard change to normal, leaving its template behind', () => {
      given(histories.standard.new).when(switchType('normal')).then([typeChanged('standard', 'normal')]);
    });
    it('records nothing when switched to the type it has', () => {
      given(history).when(switchType('normal')).thenNothingHappens();
    });
    it('refuses a type switch once anyone decided on it, even after a rejection sent it back to new', () => {
      const rejectedOnce = [
        ...histories.normal.authorize,
        approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: null }),
        rejected(['cab-1'], { reason: 'veto' }),
      ];
      expect(stateAfter(rejectedOnce)).toBe('new');
      given(rejectedOnce).when(switchType('emergency')).thenThrows(RuleViolation, 'Change CHG0000001 has had approval decisions: its type can no longer change');
    });
    it('submits a normal change for assessment', () => {
      given(history).when(submit()).then([submitted('assess')]);
    });
    it('refuses approval stages on a normal change’s submission: they open once its risk is assessed', () => {
      given(history).when(submit([cabStage])).thenThrows(RuleViolation, /normal change: its approval stages open once its risk is assessed/);
    });
    it('submits an emergency change straight to its ECAB stages', () => {
      given(histories.emergency.new)
        .when(submit([ecabStage]))
        .then([submitted('authorize', 'emergency'), approvalRequested([ecabStage], { previousState: 'new' })]);
    });
    it('refuses an emergency submission without ECAB stages', () => {
      given(histories.emergency.new).when(submit()).thenThrows(RuleViolation, 'The approval stages must be a list');
      given(histories.emergency.new).when(submit([])).thenThrows(RuleViolation, 'Change CHG0000001 needs at least one approval stage');
    });
    it('schedules a standard change on submission: its template pre-approved it', () => {
      given(histories.standard.new).when(submit()).then([submitted('scheduled', 'standard'), scheduled('pre-approved', 'standard')]);
      given(histories.standard.new).when(submit(undefined, [])).then([submitted('scheduled', 'standard'), scheduled('pre-approved', 'standard')]);
    });
    it('refuses to schedule a standard change while conflicts block it, naming them', () => {
      given(histories.standard.new)
        .when(submit(undefined, [{ kind: 'major-incident', detail: 'Major incident INC0000042 is open on ERP, which depends on Payroll' }]))
        .thenThrows(RuleViolation, 'Change CHG0000001 cannot be scheduled while conflicts block it: major-incident (Major incident INC0000042 is open on ERP, which depends on Payroll)');
    });
    it('records the risk of an emergency change without moving it', () => {
      given(histories.emergency.new)
        .when(assessRisk({ approvalStages: undefined }))
        .then([riskAssessed({ previousState: 'new', state: 'new' })]);
    });
    it('refuses assessing a normal change before it is submitted', () => {
      given(history).when(assessRisk()).thenThrows(IllegalTransition, 'Change CHG0000001 is new: cannot be assessed (only when assess)');
    });
    it('refuses assessing a standard change at all', () => {
      given(histories.standard.new).when(assessRisk()).thenThrows(IllegalTransition, /standard change: it is pre-approved by its template and is not assessed/);
    });
    it('is canceled with a reason', () => {
      given(history).when(cancel('Merged into CHG0000002')).then([canceled('new', 'Merged into CHG0000002')]);
    });
    it('refuses canceling without a reason', () => {
      given(history).when(cancel(' ')).thenThrows(RuleViolation, 'The reason for canceling must not be blank');
    });
  });

  describe('when a standard change is edited', () => {
    it('moves its schedule, before implementation, without asking anyone: it stays pre-approved', () => {
      const earlier = { plannedStart: '2026-03-10T19:00:00.000Z' };
      given(histories.standard.scheduled)
        .when(update(earlier))
        .then([updated(earlier, { materialFields: ['plannedStart'], riskAssessmentDue: false, state: 'scheduled' })]);
    });
    it('refuses material edits beyond the schedule: the template fixes its plans and services', () => {
      given(histories.standard.new)
        .when(update({ implementationPlan: 'Something else', serviceIds: [hrService] }))
        .thenThrows(RuleViolation, 'Change CHG0000001 is a standard change: it follows its template, so only its schedule can change (not serviceIds, implementationPlan)');
    });
    it('takes edits of its texts and implementer', () => {
      given(histories.standard.scheduled)
        .when(update({ implementer: { group: 'ops', agent: 'ops-2' } }))
        .then([updated({ implementer: { group: 'ops', agent: 'ops-2' } }, { riskAssessmentDue: false, state: 'scheduled' })]);
    });
  });

  describe('when in assess (normal)', () => {
    const history = histories.normal.assess;
    it('records the risk and opens the approval stages the policy chose: on to authorize', () => {
      given(history).when(assessRisk()).then([riskAssessed(), approvalRequested()]);
    });
    it('opens several stages, the first one first', () => {
      given(history).when(assessRisk({ approvalStages: twoStages })).then([riskAssessed(), approvalRequested(twoStages)]);
    });
    it('refuses a risk level that is not the higher of the rule and questionnaire levels', () => {
      given(history).when(assessRisk({ level: 'low' })).thenThrows(RuleViolation, 'The risk level must be the higher of the rule level and the questionnaire level (moderate, got low)');
      given(history).when(assessRisk({ level: 'high', questionnaireLevel: 'high' })).then([
        riskAssessed({ level: 'high', questionnaireLevel: 'high' }),
        approvalRequested(),
      ]);
    });
    it('records what the assessment read and why it was made, as the application gave them', () => {
      const inputs: ChangeRiskInputs = {
        facts: {
          changeType: 'normal', serviceCriticalities: ['high'], dependentServiceCount: 1, expectedOutageMinutes: 30,
          outsideMaintenanceWindow: false, implementerRecentFailureRate: { failed: 0, total: 2 },
        },
        answers: { tested: 'fully' },
      };
      const explained = { inputs, trigger: 'material-edit' as const, changedInputs: ['expectedOutageMinutes'] };
      given(history).when(assessRisk(explained)).then([riskAssessed(explained), approvalRequested()]);
      given(history).when(assessRisk({ trigger: 'whim' as never })).thenThrows(RuleViolation, /assessment trigger must be one of requested, material-edit/);
    });
    it('refuses an assessment without approval stages', () => {
      given(history).when(assessRisk({ approvalStages: [] })).thenThrows(RuleViolation, 'Change CHG0000001 needs at least one approval stage');
    });
    it.each([
      ['a majority of an open pool', [stage({ quorum: { rule: 'majority' } })], 'Stage cab: A majority quorum needs a named list of approvers'],
      ['unanimity of an open pool', [stage({ quorum: { rule: 'unanimous' } })], 'Stage cab: A unanimous quorum needs a named list of approvers'],
      ['more approvals than approvers', [stage({ quorum: { rule: 'n-of-m', n: 3 }, approvers: ['cab-1', 'cab-2'] })], 'Stage cab: An n-of-m quorum cannot ask 3 approvals of 2 approvers'],
      ['an unknown rule', [stage({ quorum: { rule: 'most' } as never })], /quorum rule of stage cab must be one of any, n-of-m, majority, unanimous/],
      ['a stage without veto flag', [{ ...cabStage, veto: undefined } as never], 'Stage cab must say whether a rejection is a veto'],
      ['two stages of one name', [cabStage, cabStage], 'The approval stages name cab more than once'],
      ['an approver named twice', [stage({ approvers: ['cab-1', 'cab-1'] })], 'The approvers of stage cab name cab-1 more than once'],
      ['the requester as approver', [stage({ approvers: ['requester-1', 'cab-1'] })], 'requester-1 requested change CHG0000001: they cannot be an approver of stage cab'],
      ['the implementer as approver', [stage({ approvers: ['dba-1'] })], 'dba-1 implements change CHG0000001: they cannot be an approver of stage cab'],
    ] as const)('refuses stages with %s', (_case, approvalStages, message) => {
      given(history).when(assessRisk({ approvalStages: approvalStages as never })).thenThrows(RuleViolation, message);
    });
    it('refuses a fired rule without a reason and a score that is not a number', () => {
      given(history).when(assessRisk({ firedRules: [{ rule: 'r', level: 'low', reason: '' }] })).thenThrows(RuleViolation, 'The reason of a fired rule must not be blank');
      given(history).when(assessRisk({ questionScores: [{ question: 'q', answer: 'a', score: NaN }] })).thenThrows(RuleViolation, /score of a question must be a number/);
    });
    it('takes a material edit without lapsing anything: no stage is open yet', () => {
      given(history)
        .when(update({ testPlan: 'Run the payroll smoke tests twice' }))
        .then([updated({ testPlan: 'Run the payroll smoke tests twice' }, { materialFields: ['testPlan'], state: 'assess' })]);
    });
    it('refuses approval decisions: nothing is open for approval', () => {
      given(history).when(approve('cab-1')).thenThrows(IllegalTransition, 'Change CHG0000001 is assess: cannot take approval decisions (only when authorize)');
    });
  });

  describe('when in authorize', () => {
    const history = histories.normal.authorize;

    it('is authorized and scheduled when the last stage reaches its quorum', () => {
      given(history)
        .when(approve('cab-1'))
        .then([approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }), stageApproved('cab', ['cab-1']), authorized(), scheduled()]);
    });
    it('refuses the approval that would schedule the change while conflicts block its window, naming them', () => {
      given(history)
        .when(approve('cab-1', { blocking: [{ kind: 'major-incident', detail: 'INC0000042 on payroll' }, { kind: 'freeze-window', detail: 'Year-end freeze' }] }))
        .thenThrows(RuleViolation, 'Change CHG0000001 cannot be scheduled while conflicts block it: major-incident (INC0000042 on payroll); freeze-window (Year-end freeze)');
      given(history)
        .when(approve('cab-1', { blocking: [] }))
        .then([approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }), stageApproved('cab', ['cab-1']), authorized(), scheduled()]);
    });
    it('takes a decision that does not schedule the change whatever blocks it: a rejection, an approval short of the quorum or of the last stage', () => {
      const blocking = [{ kind: 'major-incident' as const, detail: 'INC0000042 on payroll' }];
      given(history).when(reject('cab-1', { blocking })).then([approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: null })]);
      given(authorizeWith([technical, cabStage]))
        .when(approve('tech-1', { blocking }))
        .then([approvalRecorded('tech-1', 'approve', { approvals: 1, rejections: 0, eligible: 2 }, { stage: 'technical' })]);
    });
    it('takes the decision of a change manager', () => {
      given(history)
        .when(approve('manager-1', { role: 'change-manager', comment: 'Fine by me' }))
        .then([
          approvalRecorded('manager-1', 'approve', { approvals: 1, rejections: 0, eligible: null }, { comment: 'Fine by me' }),
          stageApproved('cab', ['manager-1']),
          authorized(),
          scheduled(),
        ]);
    });
    it('refuses a decision by someone acting in another role', () => {
      given(history).when(approve('agent-3', { role: 'agent' })).thenThrows(RuleViolation, 'agent-3 acts as agent: only a cab-member or a change-manager approves or rejects changes');
    });
    it('refuses the requester deciding on their own change (approve or reject)', () => {
      const message = 'requester-1 requested change CHG0000001: a requester cannot approve or reject their own change';
      given(history).when(approve('requester-1')).thenThrows(RuleViolation, message);
      given(history).when(reject('requester-1')).thenThrows(RuleViolation, message);
    });
    it('refuses the implementer deciding on the change they implement', () => {
      given(history).when(approve('dba-1', { role: 'change-manager' })).thenThrows(RuleViolation, 'dba-1 implements change CHG0000001: an implementer cannot approve or reject their own change');
    });
    it('refuses a decision on content that changed since the approver saw it', () => {
      given(history).when(approve('cab-1', { seen: hashOf({ testPlan: 'Another plan' }) })).thenThrows(RuleViolation, 'Change CHG0000001 has changed since cab-1 saw it: look at it again before deciding');
    });
    it('refuses a rejection without a reason', () => {
      given(history).when(reject('cab-1', { comment: '  ' })).thenThrows(RuleViolation, 'The reason for rejecting must not be blank');
    });
    it('refuses an unknown decision', () => {
      const maybe = approve('cab-1');
      given(history).when({ ...maybe, data: { ...maybe.data, decision: 'maybe' as never } }).thenThrows(RuleViolation, /decision must be one of approve, reject/);
    });
    it('counts a rejection on a stage open to the CAB without veto, and waits for an approval', () => {
      const rejection = approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: null });
      given(history).when(reject('cab-1')).then([rejection]);
      given([...history, rejection])
        .when(approve('cab-2'))
        .then([approvalRecorded('cab-2', 'approve', { approvals: 1, rejections: 1, eligible: null }), stageApproved('cab', ['cab-2']), authorized(), scheduled()]);
    });

    describe('with named approvers (two of three)', () => {
      const named = authorizeWith([twoOfThree]);
      const firstApproval = approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: 3 });
      it('waits for the quorum', () => {
        given(named).when(approve('cab-1')).then([firstApproval]);
      });
      it('approves the stage at the quorum, naming who approved', () => {
        given([...named, firstApproval])
          .when(approve('cab-3'))
          .then([approvalRecorded('cab-3', 'approve', { approvals: 2, rejections: 0, eligible: 3 }), stageApproved('cab', ['cab-1', 'cab-3']), authorized(), scheduled()]);
      });
      it('refuses a second decision by the same approver on the stage', () => {
        given([...named, firstApproval]).when(reject('cab-1')).thenThrows(RuleViolation, 'cab-1 has already decided on stage cab of change CHG0000001');
      });
      it('refuses someone who is not one of the named approvers, even a CAB member', () => {
        given(named).when(approve('cab-9')).thenThrows(RuleViolation, 'cab-9 is not an approver of stage cab of change CHG0000001');
      });
      it('rejects the change once the quorum can no longer be reached: back to new, the last approver no longer awaited', () => {
        const firstRejection = approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: 3 });
        given([...named, firstRejection])
          .when(reject('cab-2', { comment: 'No rollback tested' }))
          .then([
            approvalRecorded('cab-2', 'reject', { approvals: 0, rejections: 2, eligible: 3 }, { comment: 'No rollback tested' }),
            rejected(['cab-1', 'cab-2'], { comment: 'No rollback tested' }),
            approvalsCanceled('rejected', [{ stage: 'cab', awaiting: ['cab-3'] }]),
          ]);
      });
      it('cancels nothing when every named approver of the rejected last stage has decided', () => {
        const onlyOne = authorizeWith([stage({ approvers: ['cab-1'] })]);
        given(onlyOne).when(reject('cab-1')).then([approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: 1 }), rejected(['cab-1'])]);
      });
    });

    describe('with two stages (technical, then CAB)', () => {
      const staged = authorizeWith(twoStages);
      const tech1 = approvalRecorded('tech-1', 'approve', { approvals: 1, rejections: 0, eligible: 2 }, { stage: 'technical' });
      const tech2 = approvalRecorded('tech-2', 'approve', { approvals: 2, rejections: 0, eligible: 2 }, { stage: 'technical' });
      it('opens the next stage when one is approved, staying in authorize', () => {
        given([...staged, tech1]).when(approve('tech-2')).then([tech2, stageApproved('technical', ['tech-1', 'tech-2'], 'cab')]);
        expect(stateAfter([...staged, tech1, tech2, stageApproved('technical', ['tech-1', 'tech-2'], 'cab')])).toBe('authorize');
      });
      it('approves a stage that is not the last whatever blocks the window: only the approval that schedules waits', () => {
        const blocking = [{ kind: 'freeze-window' as const, detail: 'Year-end freeze' }];
        given([...staged, tech1]).when(approve('tech-2', { blocking })).then([tech2, stageApproved('technical', ['tech-1', 'tech-2'], 'cab')]);
        given([...staged, tech1, tech2, stageApproved('technical', ['tech-1', 'tech-2'], 'cab')])
          .when(approve('cab-1', { blocking }))
          .thenThrows(RuleViolation, 'Change CHG0000001 cannot be scheduled while conflicts block it: freeze-window (Year-end freeze)');
      });
      it('decides only the open stage: a decision meant for a later one is refused', () => {
        given(staged).when(approve('tech-1', { stage: 'cab' })).thenThrows(RuleViolation, 'Stage cab is not open on change CHG0000001: stage technical is');
        given(staged).when(approve('cab-1')).thenThrows(RuleViolation, 'cab-1 is not an approver of stage technical');
      });
      it('is authorized after the last stage, naming every stage', () => {
        const cabOpen = [...staged, tech1, tech2, stageApproved('technical', ['tech-1', 'tech-2'], 'cab')];
        given(cabOpen)
          .when(approve('cab-1', { stage: 'cab' }))
          .then([approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }), stageApproved('cab', ['cab-1']), authorized(['technical', 'cab']), scheduled()]);
      });
      it('is rejected at once by a veto, and every decision still awaited is canceled', () => {
        given(staged)
          .when(reject('tech-2', { comment: 'The backout is untested' }))
          .then([
            approvalRecorded('tech-2', 'reject', { approvals: 0, rejections: 1, eligible: 2 }, { stage: 'technical', comment: 'The backout is untested' }),
            rejected(['tech-2'], { stage: 'technical', reason: 'veto', comment: 'The backout is untested' }),
            approvalsCanceled('rejected', [{ stage: 'technical', awaiting: ['tech-1'] }, { stage: 'cab', awaiting: [] }]),
          ]);
      });
    });

    it('can be worked on and submitted again after a rejection, in a new approval round', () => {
      const rejectedOnce = [
        ...history,
        approvalRecorded('cab-1', 'reject', { approvals: 0, rejections: 1, eligible: null }),
        rejected(['cab-1'], { reason: 'veto' }),
      ];
      given(rejectedOnce).when(submit()).then([submitted('assess')]);
      given([...rejectedOnce, submitted('assess')])
        .when(assessRisk())
        .then([riskAssessed({ previousLevel: 'moderate' }), approvalRequested([cabStage], { round: 2 })]);
    });

    it('lapses the approvals, given and pending, on a material edit: back to assess for a new assessment', () => {
      const staged = [...authorizeWith(twoStages), approvalRecorded('tech-1', 'approve', { approvals: 1, rejections: 0, eligible: 2 }, { stage: 'technical' })];
      const later = { plannedStart: '2026-03-11T20:00:00.000Z', plannedEnd: '2026-03-11T22:00:00.000Z' };
      given(staged)
        .when(update(later))
        .then([
          updated(later, { materialFields: ['plannedStart', 'plannedEnd'], riskAssessmentDue: true, state: 'authorize' }),
          approvalsLapsed({
            lapsedApprovals: [{ stage: 'technical', approverId: 'tech-1', decision: 'approve' }],
            pendingApprovals: [{ stage: 'technical', awaiting: ['tech-2'] }, { stage: 'cab', awaiting: [] }],
            previousState: 'authorize',
            state: 'assess',
          }),
        ]);
    });
    it('keeps the approvals on an edit that is not material', () => {
      given(history)
        .when(update({ justification: 'Support ends in June' }))
        .then([updated({ justification: 'Support ends in June' }, { riskAssessmentDue: false, state: 'authorize' })]);
    });
    it('is canceled with its pending approvals', () => {
      given(history).when(cancel()).then([canceled('authorize'), approvalsCanceled('canceled', [{ stage: 'cab', awaiting: [] }])]);
    });
    it('refuses starting before it is authorized', () => {
      given(history).when(start()).thenThrows(IllegalTransition, 'Change CHG0000001 is authorize: cannot start (only when scheduled)');
    });

    describe('an emergency change', () => {
      const emergency = histories.emergency.authorize;
      it('is authorized by its ECAB stage', () => {
        given(emergency)
          .when(approve('cab-1'))
          .then([
            approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }, { stage: 'ecab' }),
            stageApproved('ecab', ['cab-1']),
            authorized(['ecab']),
            scheduled('authorized', 'emergency'),
          ]);
      });
      it('has its risk assessed along the way, staying in authorize', () => {
        given(emergency).when(assessRisk({ approvalStages: undefined })).then([riskAssessed({ previousState: 'authorize', state: 'authorize' })]);
      });
      it('refuses stages with its assessment: its ECAB stages opened when it was submitted', () => {
        given(emergency).when(assessRisk()).thenThrows(RuleViolation, /emergency change: its ECAB stages open when it is submitted/);
      });
      it('asks its ECAB again, in a new round, after a material edit', () => {
        const later = { plannedStart: '2026-03-10T21:00:00.000Z' };
        given(emergency)
          .when(update(later))
          .then([
            updated(later, { materialFields: ['plannedStart'], state: 'authorize' }),
            approvalsLapsed({ fields: ['plannedStart'], pendingApprovals: [{ stage: 'ecab', awaiting: [] }], previousState: 'authorize', state: 'authorize' }),
            approvalRequested([ecabStage], { round: 2, previousState: 'authorize' }),
          ]);
      });
    });
  });

  describe('when scheduled', () => {
    const history = histories.normal.scheduled;
    it('starts when nothing blocks it', () => {
      given(history).when(start()).then([started()]);
    });
    it('refuses to start while conflicts block it, naming them', () => {
      given(history)
        .when(start([{ kind: 'freeze-window', detail: 'Year-end freeze' }, { kind: 'major-incident', detail: 'INC0000042 on payroll' }]))
        .thenThrows(RuleViolation, 'Change CHG0000001 cannot start while conflicts block it: freeze-window (Year-end freeze); major-incident (INC0000042 on payroll)');
    });
    it('refuses to start an emergency change on any blocking conflict it is given', () => {
      given(histories.emergency.scheduled).when(start([{ kind: 'major-incident', detail: 'INC0000042' }])).thenThrows(RuleViolation, /major-incident \(INC0000042\)/);
    });
    it('lapses the given approvals on a material edit and goes back to assess', () => {
      const plan = { implementationPlan: '1. Stop payroll 2. pg_dump 3. pg_restore 4. Start payroll' };
      const edited = [
        updated(plan, { materialFields: ['implementationPlan'], riskAssessmentDue: true, state: 'scheduled' }),
        approvalsLapsed({
          fields: ['implementationPlan'],
          lapsedApprovals: [{ stage: 'cab', approverId: 'cab-1', decision: 'approve' }],
          previousState: 'scheduled',
          state: 'assess',
        }),
      ];
      given(history).when(update(plan)).then(edited);
      // Approved again on the new content only: the approver's earlier view no longer counts.
      const reapproval = [...history, ...edited, riskAssessed({ previousLevel: 'moderate' }), approvalRequested([cabStage], { round: 2 })];
      given(reapproval).when(approve('cab-1')).thenThrows(RuleViolation, /has changed since cab-1 saw it/);
      given(reapproval)
        .when(approve('cab-1', { seen: hashOf(plan) }))
        .then([
          approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }, { round: 2, seen: hashOf(plan) }),
          stageApproved('cab', ['cab-1'], null, 2),
          authorized(['cab'], 2),
          scheduled(),
        ]);
    });
    it('keeps its approvals on an edit that is not material', () => {
      given(history)
        .when(update({ shortDescription: 'Upgrade the payroll database to 16' }))
        .then([updated({ shortDescription: 'Upgrade the payroll database to 16' }, { riskAssessmentDue: false, state: 'scheduled' })]);
    });
    it('sends an emergency change back to its ECAB stages on a material edit', () => {
      const services = { serviceIds: [payrollService, hrService] };
      given(histories.emergency.scheduled)
        .when(update(services))
        .then([
          updated(services, { materialFields: ['serviceIds'], state: 'scheduled' }),
          approvalsLapsed({
            fields: ['serviceIds'],
            lapsedApprovals: [{ stage: 'ecab', approverId: 'cab-1', decision: 'approve' }],
            previousState: 'scheduled',
            state: 'authorize',
          }),
          approvalRequested([ecabStage], { round: 2, previousState: 'authorize' }),
        ]);
    });
    it('is canceled; no approval was pending', () => {
      given(history).when(cancel()).then([canceled('scheduled')]);
    });
    it('refuses approval decisions after authorization', () => {
      given(history).when(approve('cab-2')).thenThrows(IllegalTransition, /is scheduled: cannot take approval decisions/);
    });
  });

  describe('when in implement', () => {
    const history = histories.normal.implement;
    it('is completed with an outcome and notes: on to review', () => {
      given(history).when(complete('successful', 'All green')).then([completed('successful', false, 'All green')]);
    });
    it.each(['failed', 'backed-out'] as const)('requires a review of a %s change', (outcome) => {
      given(history).when(complete(outcome, 'Rolled back')).then([completed(outcome, true, 'Rolled back')]);
    });
    it('requires a review of every emergency change, even a successful one', () => {
      given(histories.emergency.implement).when(complete('successful')).then([completed('successful', true)]);
    });
    it('refuses an unknown outcome and blank notes', () => {
      given(history).when(complete('partly' as never)).thenThrows(RuleViolation, /outcome must be one of successful, successful-with-issues, failed, backed-out/);
      given(history).when(complete('successful', '')).thenThrows(RuleViolation, 'The completion notes must not be blank');
    });
    it('refuses edits once implementation started', () => {
      given(history).when(update({ description: 'Too late' })).thenThrows(IllegalTransition, 'Change CHG0000001 is implement: cannot be edited (only when new, assess, authorize, scheduled)');
    });
    it('is canceled', () => {
      given(history).when(cancel('Vendor pulled the release')).then([canceled('implement', 'Vendor pulled the release')]);
    });
  });

  describe('when in review', () => {
    const history = histories.normal.review;
    const failed = [...histories.normal.implement, completed('failed', true)];
    it('records the post-implementation review, with the incidents the change caused so far', () => {
      given([...history, causedIncidentRecorded()])
        .when(review({ summary: 'Went to plan', lessons: 'Warm the cache first', followUpActions: ['Add a cache warm-up step'] }))
        .then([reviewed({ lessons: 'Warm the cache first', followUpActions: ['Add a cache warm-up step'], causedIncidentIds: [incidentId] })]);
    });
    it('refuses a blank summary, and records blank lessons as none', () => {
      given(history).when(review({ summary: '\u200b' })).thenThrows(RuleViolation, 'The review summary must not be blank');
      given(history).when(review({ lessons: ' ' })).then([reviewed()]);
    });
    it('refuses a second review', () => {
      given([...history, reviewed()]).when(review()).thenThrows(IllegalTransition, 'Change CHG0000001 already has its post-implementation review');
    });
    it('closes a successful change without a review', () => {
      given(history).when(close()).then([closed()]);
    });
    it.each([
      ['failed', failed, 'A post-implementation review is required before closing a failed change'],
      ['backed-out', [...histories.normal.implement, completed('backed-out', true)], 'A post-implementation review is required before closing a backed-out change'],
      ['emergency', histories.emergency.review, 'A post-implementation review is required before closing an emergency change'],
    ] as const)('refuses closing a %s change before its review', (_case, events, message) => {
      given([...events]).when(close()).thenThrows(RuleViolation, message);
    });
    it('closes a failed change once reviewed, with the count of incidents it caused', () => {
      given([...failed, causedIncidentRecorded(), reviewed({ outcome: 'failed', causedIncidentIds: [incidentId] })]).when(close()).then([closed('failed', 1)]);
    });
    it('refuses canceling: a change that ran is reviewed and closed', () => {
      given(history).when(cancel()).thenThrows(IllegalTransition, 'Change CHG0000001 is review: cannot be canceled (only when new, assess, authorize, scheduled, implement)');
    });
  });

  describe('when closed or canceled', () => {
    it.each([
      ['closed', histories.normal.closed],
      ['canceled', histories.normal.canceled],
    ] as const)('refuses every lifecycle step when %s', (state, events) => {
      const steps: ChangeCommand[] = [update({ description: 'x' }), submit(), assessRisk(), approve('cab-1'), start(), complete(), review(), close(), cancel()];
      for (const step of steps) given([...events]).when(step).thenThrows(IllegalTransition, new RegExp(`CHG0000001 is ${state}: cannot`));
    });
  });

  describe('incidents caused by the change', () => {
    it('records an incident linked as caused by the change, even after it closed', () => {
      given(histories.normal.closed).when(recordCausedIncident()).then([causedIncidentRecorded()]);
    });
    it('records the same incident once: the process that feeds it may repeat itself', () => {
      given([...histories.normal.closed, causedIncidentRecorded()]).when(recordCausedIncident()).thenNothingHappens();
    });
    it('counts each incident', () => {
      const second = '0190f3a4-0000-7000-8000-000000001002';
      given([...histories.normal.review, causedIncidentRecorded()])
        .when(recordCausedIncident(second, 'INC0000043'))
        .then([causedIncidentRecorded(second, 'INC0000043', 2)]);
    });
    it('refuses an incident number that is not INC…', () => {
      given(histories.normal.closed).when(recordCausedIncident(incidentId, 'CHG0000001')).thenThrows(RuleViolation, /"CHG0000001" is not an incident number/);
    });
    it('removes an incident whose link was removed, and does nothing for one it never recorded', () => {
      given([...histories.normal.closed, causedIncidentRecorded()]).when(removeCausedIncident()).then([causedIncidentRemoved()]);
      given(histories.normal.closed).when(removeCausedIncident()).thenNothingHappens();
    });
  });

  describe('when not raised', () => {
    it('refuses every command but raising', () => {
      const steps: ChangeCommand[] = [
        update({ description: 'x' }), switchType('emergency'), submit(), assessRisk(), approve('cab-1'), start(), complete(), review(), close(),
        cancel(), recordCausedIncident(), removeCausedIncident(),
      ];
      for (const step of steps) given([]).when(step).thenThrows(IllegalTransition, 'The change has not been raised');
    });
  });
});
