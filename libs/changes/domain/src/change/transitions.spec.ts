import type { ChangeStateName, ChangeType } from '@itsm/contracts';
import { fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { ChangeCommand, ChangeCommandType } from './commands';
import { changeDecider } from './decide';
import type { ChangeEvent } from './events';
import {
  approve, assessRisk, cancel, close, complete, ecabStage, histories, raise, recordCausedIncident, removeCausedIncident, review,
  start, submit, switchType, templateId, update,
} from './change.builders';
import type { Change } from './state';

/*
 * Every (state, command) pair of each change type: an allowed pair writes the events listed and leaves the change in
 * the state named; a pair that breaks a rule of that state is a RuleViolation; every other pair is an
 * IllegalTransition and writes nothing.
 */

type Outcome = { events: ChangeEvent['type'][]; next: ChangeStateName | 'unraised' } | { refused: RegExp };
type Row = Partial<Record<ChangeCommandType, Outcome>>;

const to = (next: ChangeStateName, ...events: ChangeEvent['type'][]): Outcome => ({ events, next });

/** One representative command of each type, as a change of `type` would be sent it. */
const commandsFor = (type: ChangeType): Record<ChangeCommandType, ChangeCommand> => ({
  RaiseChange: raise(type === 'standard' ? { type, templateId } : { type }),
  UpdateChange: update({ description: 'Clarified after a call with the vendor' }),
  SwitchChangeType: type === 'normal' ? switchType('emergency') : switchType('normal'),
  SubmitChange: type === 'emergency' ? submit([ecabStage]) : submit(),
  AssessChangeRisk: type === 'normal' ? assessRisk() : assessRisk({ approvalStages: undefined }),
  RecordApprovalDecision: approve('cab-1'),
  StartChange: start(),
  CompleteChange: complete(),
  RecordPostImplementationReview: review(),
  CloseChange: close(),
  CancelChange: cancel(),
  RecordCausedIncident: recordCausedIncident(),
  RemoveCausedIncident: removeCausedIncident(),
});

/** Incidents it caused are recorded in every state; removing one it never had changes nothing. */
const causedIncidents = (state: ChangeStateName): Row => ({
  RecordCausedIncident: to(state, 'ChangeCausedIncidentRecorded'),
  RemoveCausedIncident: to(state),
});
const editable = (state: ChangeStateName): Row => ({ UpdateChange: to(state, 'ChangeUpdated'), ...causedIncidents(state) });
const authorizedBy = ['ChangeApprovalRecorded', 'ChangeApprovalStageApproved', 'ChangeAuthorized', 'ChangeScheduled'] as const;

const unraised: Row = { RaiseChange: { events: ['ChangeRaised'], next: 'new' } };
const fromScheduledOn = (type: ChangeType): Partial<Record<ChangeStateName, Row>> => ({
  scheduled: {
    ...editable('scheduled'),
    StartChange: to('implement', 'ChangeImplementationStarted'),
    CancelChange: to('canceled', 'ChangeCanceled'),
  },
  implement: {
    ...causedIncidents('implement'),
    CompleteChange: to('review', 'ChangeCompleted'),
    CancelChange: to('canceled', 'ChangeCanceled'),
  },
  review: {
    ...causedIncidents('review'),
    RecordPostImplementationReview: to('review', 'ChangePostImplementationReviewRecorded'),
    CloseChange: type === 'emergency' ? { refused: /post-implementation review is required before closing an emergency change/ } : to('closed', 'ChangeClosed'),
  },
  closed: causedIncidents('closed'),
  canceled: causedIncidents('canceled'),
});

const TABLES: Record<ChangeType, Partial<Record<ChangeStateName, Row>>> = {
  normal: {
    new: {
      ...editable('new'),
      SwitchChangeType: to('new', 'ChangeTypeChanged'),
      SubmitChange: to('assess', 'ChangeSubmitted'),
      CancelChange: to('canceled', 'ChangeCanceled'),
    },
    assess: {
      ...editable('assess'),
      AssessChangeRisk: to('authorize', 'ChangeRiskAssessed', 'ChangeApprovalRequested'),
      CancelChange: to('canceled', 'ChangeCanceled'),
    },
    authorize: {
      ...editable('authorize'),
      RecordApprovalDecision: to('scheduled', ...authorizedBy),
      CancelChange: to('canceled', 'ChangeCanceled', 'ChangeApprovalsCanceled'),
    },
    ...fromScheduledOn('normal'),
  },
  standard: {
    new: {
      ...editable('new'),
      SwitchChangeType: to('new', 'ChangeTypeChanged'),
      SubmitChange: to('scheduled', 'ChangeSubmitted', 'ChangeScheduled'),
      CancelChange: to('canceled', 'ChangeCanceled'),
    },
    ...fromScheduledOn('standard'),
  },
  emergency: {
    new: {
      ...editable('new'),
      SwitchChangeType: to('new', 'ChangeTypeChanged'),
      SubmitChange: to('authorize', 'ChangeSubmitted', 'ChangeApprovalRequested'),
      AssessChangeRisk: to('new', 'ChangeRiskAssessed'),
      CancelChange: to('canceled', 'ChangeCanceled'),
    },
    authorize: {
      ...editable('authorize'),
      AssessChangeRisk: to('authorize', 'ChangeRiskAssessed'),
      RecordApprovalDecision: to('scheduled', ...authorizedBy),
      CancelChange: to('canceled', 'ChangeCanceled', 'ChangeApprovalsCanceled'),
    },
    ...fromScheduledOn('emergency'),
  },
};

const stateOf = (change: Change) => (change.status === 'raised' ? change.state : 'unraised');

describe.each(['normal', 'standard', 'emergency'] as const)('transitions of %s changes', (type) => {
  const commands = commandsFor(type);
  const rows: [ChangeStateName | 'unraised', ChangeEvent[], Row][] = [
    ['unraised', [], unraised],
    ...Object.entries(TABLES[type]).map(([state, row]) => [state, histories[type][state as keyof (typeof histories)[typeof type]], row] as [ChangeStateName, ChangeEvent[], Row]),
  ];
  const cases = rows.flatMap(([state, history, row]) =>
    (Object.keys(commands) as ChangeCommandType[]).map((commandType) => [state, commandType, history, row[commandType]] as const),
  );

  it('reaches exactly the states its lifecycle names', () => {
    const reachable = { normal: 8, standard: 6, emergency: 7 }[type];
    expect(rows).toHaveLength(reachable + 1);
    for (const [state, history] of rows) expect(stateOf(fold(changeDecider, history))).toBe(state);
  });

  const ruled = cases
    .filter(([, , , outcome]) => outcome !== undefined)
    .map(([state, commandType, history, outcome]) => {
      const verdict = 'events' in (outcome as Outcome) ? `is allowed: ${(outcome as { next: string }).next}` : 'is refused by a rule';
      return [`in ${state}, ${commandType} ${verdict}`, commandType, history, outcome as Outcome] as const;
    });

  it.each(ruled)('%s', (_title, commandType, history, outcome) => {
    const decide = () => changeDecider.decide(commands[commandType], fold(changeDecider, history));
    if ('refused' in outcome) {
      expect(decide).toThrow(RuleViolation);
      expect(decide).toThrow(outcome.refused);
      return;
    }
    const decided = decide();
    expect(decided.map((event) => event.type)).toEqual(outcome.events);
    expect(stateOf(fold(changeDecider, [...history, ...decided]))).toBe(outcome.next);
  });

  it.each(cases.filter(([, , , outcome]) => outcome === undefined))('in %s, %s is an illegal transition', (_state, commandType, history) => {
    expect(() => changeDecider.decide(commands[commandType], fold(changeDecider, history))).toThrow(IllegalTransition);
  });
});
