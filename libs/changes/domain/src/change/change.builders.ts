import type {
  ApprovalDecision,
  ChangeApprovalStage,
  ChangeBlockingConflict,
  ChangeEditableFields,
  ChangeOutcome,
  ChangePendingApproval,
  ChangeStateName,
  ChangeType,
  MaterialChangeField,
} from '@itsm/contracts';
import type { CommandMetadata } from '@itsm/event-sourcing';
import type { ChangeCommand, KnownChangeTemplate } from './commands';
import type { ChangeEvent } from './events';
import { materialContentHash } from './material-content';

/** Builders for the change decider's specs: each takes only the facts a test cares about. */

export const changeId = '0190f3a4-1111-7222-8333-944445555666';
export const number = 'CHG0000001';
export const templateId = 'template-restart-app-server';
export const payrollService = 'svc-payroll';
export const hrService = 'svc-hr';
export const incidentId = '0190f3a4-0000-7000-8000-000000001001';

export const now = new Date('2026-03-02T09:30:00.000Z');
export const at = now.toISOString();
export const requester = { id: 'requester-1', role: 'agent' };
export const metadata: CommandMetadata = { now, actor: requester };
/** The command comes from someone else, acting in a role. */
export const by = (id: string, role = 'cab-member', when: Date = now): CommandMetadata => ({ now: when, actor: { id, role } });

export const fields: ChangeEditableFields = {
  shortDescription: 'Upgrade the payroll database',
  description: 'PostgreSQL 15 to 16 on the payroll cluster',
  justification: 'Version 15 leaves support this year',
  serviceIds: [payrollService],
  implementationPlan: '1. Stop payroll 2. pg_upgrade 3. Start payroll',
  backoutPlan: 'Restore the snapshot taken before the upgrade',
  testPlan: 'Run the payroll smoke tests',
  plannedStart: '2026-03-10T20:00:00.000Z',
  plannedEnd: '2026-03-10T22:00:00.000Z',
  implementer: { group: 'dba-team', agent: 'dba-1' },
};

/** What approvers see of the change as raised with `fields`. */
export const seenHash = materialContentHash({ changeId, ...fields });
export const hashOf = (changed: Partial<ChangeEditableFields>): string => materialContentHash({ changeId, ...fields, ...changed });

// --- approval stages ------------------------------------------------------------------------------------------

export const stage = (overrides: Partial<ChangeApprovalStage> = {}): ChangeApprovalStage => ({
  name: 'cab',
  quorum: { rule: 'any' },
  approvers: [],
  veto: false,
  ...overrides,
});
export const cabStage = stage();
export const ecabStage = stage({ name: 'ecab' });

// --- events ---------------------------------------------------------------------------------------------------

type EventOf<T extends ChangeEvent['type']> = Extract<ChangeEvent, { type: T }>;
type WithoutId<Data> = Omit<Data, 'changeId'>;
const event = <T extends ChangeEvent['type']>(type: T, data: WithoutId<EventOf<T>['data']>): ChangeEvent =>
  ({ type, data: { changeId, ...data } }) as unknown as ChangeEvent;

export const raised = (overrides: Partial<EventOf<'ChangeRaised'>['data']> = {}): ChangeEvent =>
  event('ChangeRaised', {
    number,
    type: 'normal',
    ...fields,
    requesterId: requester.id,
    templateId: null,
    state: 'new',
    raisedAt: at,
    ...overrides,
  });
export const raisedStandard = (overrides: Partial<EventOf<'ChangeRaised'>['data']> = {}) => raised({ type: 'standard', templateId, ...overrides });
export const raisedEmergency = (overrides: Partial<EventOf<'ChangeRaised'>['data']> = {}) => raised({ type: 'emergency', ...overrides });

export const updated = (
  changes: Partial<ChangeEditableFields>,
  { materialFields = [], riskAssessmentDue = true, state = 'new' }: { materialFields?: MaterialChangeField[]; riskAssessmentDue?: boolean; state?: ChangeStateName } = {},
): ChangeEvent => {
  const previous = Object.fromEntries(Object.keys(changes).map((field) => [field, fields[field as keyof ChangeEditableFields]]));
  return event('ChangeUpdated', { changes, previous, materialFields, riskAssessmentDue, state, updatedAt: at });
};
export const typeChanged = (from: ChangeType, to: ChangeType, overrides: Partial<EventOf<'ChangeTypeChanged'>['data']> = {}): ChangeEvent =>
  event('ChangeTypeChanged', {
    from,
    to,
    templateId: to === 'standard' ? templateId : null,
    previousTemplateId: from === 'standard' ? templateId : null,
    riskAssessmentDue: to !== 'standard',
    changedAt: at,
    ...overrides,
  });
export const submitted = (state: 'assess' | 'authorize' | 'scheduled', type: ChangeType = 'normal'): ChangeEvent =>
  event('ChangeSubmitted', { type, templateId: type === 'standard' ? templateId : null, previousState: 'new', state, submittedAt: at });
export const riskAssessed = (overrides: Partial<EventOf<'ChangeRiskAssessed'>['data']> = {}): ChangeEvent =>
  event('ChangeRiskAssessed', {
    level: 'moderate',
    policyVersion: 'risk-policy-1',
    firedRules: [{ rule: 'touches-payroll', level: 'moderate', reason: 'Payroll is business critical' }],
    questionScores: [{ question: 'Is an outage needed?', answer: 'yes', score: 3 }],
    ruleLevel: 'moderate',
    questionnaireLevel: 'low',
    previousLevel: null,
    previousState: 'assess',
    state: 'authorize',
    assessedAt: at,
    ...overrides,
  });
export const approvalRequested = (
  stages: ChangeApprovalStage[] = [cabStage],
  { round = 1, previousState = 'assess' }: { round?: number; previousState?: ChangeStateName } = {},
): ChangeEvent => event('ChangeApprovalRequested', { round, stages, currentStage: stages[0].name, previousState, state: 'authorize', requestedAt: at });
export const approvalRecorded = (
  approverId: string,
  decision: ApprovalDecision,
  tally: { approvals: number; rejections: number; eligible: number | null },
  { stage: stageName = 'cab', round = 1, comment = decision === 'reject' ? 'Too risky this month' : '', seen = seenHash }: { stage?: string; round?: number; comment?: string; seen?: string } = {},
): ChangeEvent =>
  event('ChangeApprovalRecorded', { round, stage: stageName, approverId, decision, comment, seenHash: seen, recordedAt: at, tally });
export const stageApproved = (stageName: string, approvedBy: string[], nextStage: string | null = null, round = 1): ChangeEvent =>
  event('ChangeApprovalStageApproved', { round, stage: stageName, approvedBy, nextStage, approvedAt: at });
export const authorized = (stages: string[] = ['cab'], round = 1): ChangeEvent =>
  event('ChangeAuthorized', { round, stages, previousState: 'authorize', state: 'scheduled', authorizedAt: at });
export const scheduled = (
  because: 'pre-approved' | 'authorized' = 'authorized',
  type: ChangeType = 'normal',
  overrides: Partial<EventOf<'ChangeScheduled'>['data']> = {},
): ChangeEvent =>
  event('ChangeScheduled', {
    number,
    type,
    plannedStart: fields.plannedStart,
    plannedEnd: fields.plannedEnd,
    serviceIds: fields.serviceIds,
    implementer: fields.implementer,
    because,
    state: 'scheduled',
    scheduledAt: at,
    ...overrides,
  });
export const rejected = (
  rejectedBy: string[],
  { stage: stageName = 'cab', reason = 'quorum-unreachable', comment = 'Too risky this month', round = 1 }:
    { stage?: string; reason?: 'veto' | 'quorum-unreachable'; comment?: string; round?: number } = {},
): ChangeEvent =>
  event('ChangeRejected', { round, stage: stageName, reason, rejectedBy, comment, previousState: 'authorize', state: 'new', rejectedAt: at });
export const approvalsCanceled = (reason: 'rejected' | 'canceled', pendingApprovals: ChangePendingApproval[], round = 1): ChangeEvent =>
  event('ChangeApprovalsCanceled', { round, reason, pendingApprovals, canceledAt: at });
export const approvalsLapsed = (overrides: Partial<EventOf<'ChangeApprovalsLapsed'>['data']> = {}): ChangeEvent =>
  event('ChangeApprovalsLapsed', {
    round: 1,
    reason: 'material-change',
    fields: ['plannedStart', 'plannedEnd'],
    lapsedApprovals: [],
    pendingApprovals: [],
    previousState: 'scheduled',
    state: 'assess',
    lapsedAt: at,
    ...overrides,
  });
export const started = (): ChangeEvent =>
  event('ChangeImplementationStarted', {
    plannedStart: fields.plannedStart,
    plannedEnd: fields.plannedEnd,
    implementer: fields.implementer,
    previousState: 'scheduled',
    state: 'implement',
    startedAt: at,
  });
export const completed = (outcome: ChangeOutcome = 'successful', reviewRequired = false, notes = 'Upgraded without trouble'): ChangeEvent =>
  event('ChangeCompleted', { outcome, notes, reviewRequired, previousState: 'implement', state: 'review', completedAt: at });
export const reviewed = (overrides: Partial<EventOf<'ChangePostImplementationReviewRecorded'>['data']> = {}): ChangeEvent =>
  event('ChangePostImplementationReviewRecorded', {
    outcome: 'successful',
    summary: 'Went to plan',
    lessons: null,
    followUpActions: [],
    causedIncidentIds: [],
    reviewedBy: 'manager-1',
    reviewedAt: at,
    ...overrides,
  });
export const closed = (outcome: ChangeOutcome = 'successful', causedIncidentCount = 0): ChangeEvent =>
  event('ChangeClosed', { outcome, causedIncidentCount, previousState: 'review', state: 'closed', closedAt: at });
export const canceled = (previousState: ChangeStateName = 'new', reason = 'No longer needed'): ChangeEvent =>
  event('ChangeCanceled', { reason, previousState, state: 'canceled', canceledAt: at });
export const causedIncidentRecorded = (id = incidentId, incidentNumber = 'INC0000042', causedIncidentCount = 1): ChangeEvent =>
  event('ChangeCausedIncidentRecorded', { incidentId: id, incidentNumber, linkedAt: '2026-03-11T08:00:00.000Z', causedIncidentCount, recordedAt: at });
export const causedIncidentRemoved = (id = incidentId, incidentNumber = 'INC0000042', causedIncidentCount = 0): ChangeEvent =>
  event('ChangeCausedIncidentRemoved', { incidentId: id, incidentNumber, causedIncidentCount, removedAt: at });

// --- histories: the events that leave a change of each type in each state it can reach ---------------------------

const approvedByCab = [approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }), stageApproved('cab', ['cab-1']), authorized()];

const normalNew = [raised()];
const normalAssess = [...normalNew, submitted('assess')];
const normalAuthorize = [...normalAssess, riskAssessed(), approvalRequested()];
const normalScheduled = [...normalAuthorize, ...approvedByCab, scheduled()];
const normalImplement = [...normalScheduled, started()];
const normalReview = [...normalImplement, completed()];

const standardNew = [raisedStandard()];
const standardScheduled = [...standardNew, submitted('scheduled', 'standard'), scheduled('pre-approved', 'standard')];
const standardImplement = [...standardScheduled, started()];
const standardReview = [...standardImplement, completed()];

const emergencyNew = [raisedEmergency()];
const emergencyAuthorize = [...emergencyNew, submitted('authorize', 'emergency'), approvalRequested([ecabStage], { previousState: 'new' })];
const emergencyScheduled = [
  ...emergencyAuthorize,
  approvalRecorded('cab-1', 'approve', { approvals: 1, rejections: 0, eligible: null }, { stage: 'ecab' }),
  stageApproved('ecab', ['cab-1']),
  authorized(['ecab']),
  scheduled('authorized', 'emergency'),
];
const emergencyImplement = [...emergencyScheduled, started()];
const emergencyReview = [...emergencyImplement, completed('successful', true)];

export const histories = {
  normal: {
    new: normalNew,
    assess: normalAssess,
    authorize: normalAuthorize,
    scheduled: normalScheduled,
    implement: normalImplement,
    review: normalReview,
    closed: [...normalReview, closed()],
    canceled: [...normalNew, canceled()],
  },
  standard: {
    new: standardNew,
    scheduled: standardScheduled,
    implement: standardImplement,
    review: standardReview,
    closed: [...standardReview, closed()],
    canceled: [...standardNew, canceled()],
  },
  emergency: {
    new: emergencyNew,
    authorize: emergencyAuthorize,
    scheduled: emergencyScheduled,
    implement: emergencyImplement,
    review: emergencyReview,
    closed: [...emergencyReview, reviewed(), closed()],
    canceled: [...emergencyNew, canceled()],
  },
} satisfies Record<ChangeType, Partial<Record<ChangeStateName, ChangeEvent[]>>>;

// --- commands -------------------------------------------------------------------------------------------------

type CommandOf<T extends ChangeCommand['type']> = Extract<ChangeCommand, { type: T }>;
const command = <T extends ChangeCommand['type']>(type: T, data: CommandOf<T>['data'], meta: CommandMetadata = metadata): CommandOf<T> =>
  ({ type, data, metadata: meta }) as CommandOf<T>;

export const raise = (overrides: Partial<CommandOf<'RaiseChange'>['data']> = {}) =>
  command('RaiseChange', { changeId, number, type: 'normal', ...fields, ...overrides });
export const raiseStandard = (overrides: Partial<CommandOf<'RaiseChange'>['data']> = {}) => raise({ type: 'standard', templateId, ...overrides });
export const update = (changes: CommandOf<'UpdateChange'>['data'], meta: CommandMetadata = metadata) => command('UpdateChange', changes, meta);
export const switchType = (type: ChangeType, template?: string | null, known?: KnownChangeTemplate | null) =>
  command('SwitchChangeType', {
    type,
    ...(template === undefined ? {} : { templateId: template }),
    ...(known === undefined ? {} : { template: known }),
  });
export const submit = (approvalStages?: ChangeApprovalStage[], blockingConflicts?: ChangeBlockingConflict[]) =>
  command('SubmitChange', {
    ...(approvalStages === undefined ? {} : { approvalStages }),
    ...(blockingConflicts === undefined ? {} : { blockingConflicts }),
  });
export const assessRisk = (overrides: Partial<CommandOf<'AssessChangeRisk'>['data']> = {}) =>
  command('AssessChangeRisk', {
    level: 'moderate',
    policyVersion: 'risk-policy-1',
    firedRules: [{ rule: 'touches-payroll', level: 'moderate', reason: 'Payroll is business critical' }],
    questionScores: [{ question: 'Is an outage needed?', answer: 'yes', score: 3 }],
    ruleLevel: 'moderate',
    questionnaireLevel: 'low',
    approvalStages: [cabStage],
    ...overrides,
  });
export const decide = (
  approverId: string,
  decision: ApprovalDecision,
  { comment = decision === 'reject' ? 'Too risky this month' : '', seen = seenHash, stage: stageName, role = 'cab-member', blocking }: DecisionOptions = {},
) =>
  command(
    'RecordApprovalDecision',
    { decision, comment, seenHash: seen, ...(stageName ? { stage: stageName } : {}), ...(blocking === undefined ? {} : { blockingConflicts: blocking }) },
    by(approverId, role),
  );
/** `blocking`: the conflicts the application found on the change's window (left out: none checked). */
type DecisionOptions = { comment?: string; seen?: string; stage?: string; role?: string; blocking?: ChangeBlockingConflict[] };
export const approve = (approverId: string, options: DecisionOptions = {}) => decide(approverId, 'approve', options);
export const reject = (approverId: string, options: DecisionOptions = {}) => decide(approverId, 'reject', options);
export const start = (blockingConflicts: CommandOf<'StartChange'>['data']['blockingConflicts'] = []) => command('StartChange', { blockingConflicts });
export const complete = (outcome: ChangeOutcome = 'successful', notes = 'Upgraded without trouble') => command('CompleteChange', { outcome, notes });
export const review = (overrides: Partial<CommandOf<'RecordPostImplementationReview'>['data']> = {}) =>
  command('RecordPostImplementationReview', { summary: 'Went to plan', ...overrides }, by('manager-1', 'change-manager'));
export const close = () => command('CloseChange', {});
export const cancel = (reason = 'No longer needed') => command('CancelChange', { reason });
export const recordCausedIncident = (id = incidentId, incidentNumber = 'INC0000042', linkedAt = '2026-03-11T08:00:00.000Z') =>
  command('RecordCausedIncident', { incidentId: id, incidentNumber, linkedAt });
export const removeCausedIncident = (id = incidentId) => command('RemoveCausedIncident', { incidentId: id });
