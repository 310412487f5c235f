import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { IncidentCommand } from './commands';
import { incidentDecider } from './decide';
import {
  acceptMajor, assign, assigned, cancel, cancelledEvent, changePriority, childId, childLinked, close,
  closedEvent, daysAfter, defaultOfferingId, escalatedToGroup, escalatedToLevel, escalateToGroup, escalateUp, heldEvent, hold, histories,
  incidentId, linkChild, linkedToChange, linkToChange, linkToParent, logWork, majorAccepted, majorProposed,
  majorRejected, metadataAt, now, offeringId, open, opened, parentId, parentLinked, priorityChanged, proposeMajor, rejectMajor,
  reopen, reopened, resolve, resolvedEvent, resolveWithParent, resume, resumed, serviceId, startWork, workLogged,
  workStarted, revokeParentLink, parentLinkRevoked,
} from './incident.builders';
import { DEFAULT_PRIORITY_MATRIX } from './priority-matrix';

const spec = deciderSpecification(incidentDecider, expect);
const given = spec.given.bind(spec);

/** Commands listed by what the refusal message says the incident cannot do. */
const everyCommand: Record<string, IncidentCommand> = {
  'be assigned': assign(),
  'start work': startWork({ group: 'service-desk', agent: 'agent-7' }),
  'be put on hold': hold(),
  resume: resume(),
  'be resolved': resolve(),
  'be resolved with its parent': resolveWithParent(),
  'be closed': close(),
  'be reopened': reopen(),
  'be cancelled': cancel(),
  'change priority': changePriority({ impact: 1 }),
  'be escalated to another group': escalateToGroup(),
  'be escalated': escalateUp(),
  'take work log entries': logWork(),
  'be proposed as a major incident': proposeMajor(),
  'be accepted as a major incident': acceptMajor(),
  'be rejected as a major incident': rejectMajor(),
  'be linked to a parent': linkToParent(),
  'take child incidents': linkChild(),
  'be linked to a change': linkToChange(),
};
const refusals = (state: string, actions: string[]) =>
  actions.map((action) => [action, everyCommand[action], new RegExp(`INC0000001 is ${state}: cannot ${action} \\(only when`)] as const);
const allButOpen = Object.keys(everyCommand);

describe('Incident decider', () => {
  describe('when not opened', () => {
    it('opens a new incident with the number it was given and the priority of the matrix', () => {
      given([]).when(open()).then([opened({ offeringId: defaultOfferingId })]);
    });
    it("records the service's default offering when the caller names none (the offering that drives the SLA)", () => {
      given([]).when(open({ offeringId: null })).then([opened({ offeringId: defaultOfferingId })]);
    });
    it('records no offering when the service has none', () => {
      given([]).when(open({ service: { lifecycle: 'live', offeringIds: [], defaultOfferingId: null } })).then([opened({ offeringId: null })]);
    });
    it('keeps the offering the caller named', () => {
      given([]).when(open({ offeringId })).then([opened({ offeringId })]);
    });
    it('takes the priority from the configured matrix', () => {
      const urgent = { ...DEFAULT_PRIORITY_MATRIX, 2: { 1: 'P1', 2: 'P1', 3: 'P2' } } as const;
      given([]).when(open({ priorityMatrix: urgent })).then([opened({ priority: 'P1', offeringId: defaultOfferingId })]);
    });
    it('gives 1×1 the highest priority and 3×3 the lowest', () => {
      given([]).when(open({ impact: 1, urgency: 1 })).then([opened({ impact: 1, urgency: 1, priority: 'P1', offeringId: defaultOfferingId })]);
      given([]).when(open({ impact: 3, urgency: 3 })).then([opened({ impact: 3, urgency: 3, priority: 'P5', offeringId: defaultOfferingId })]);
    });
    it('opens on a service still in the pipeline', () => {
      given([]).when(open({ service: { lifecycle: 'pipeline', offeringIds: [], defaultOfferingId: null } })).then([opened()]);
    });
    it('refuses a number that is not INC…', () => {
      given([]).when(open({ number: 'CHG0000001' })).thenThrows(RuleViolation, /"CHG0000001" is not an incident number/);
    });
    it.each([
      ['callerId', 'The caller must not be blank'],
      ['shortDescription', 'The short description must not be blank'],
    ] as const)('refuses a blank %s', (field, message) => {
      given([]).when(open({ [field]: '  ' })).thenThrows(RuleViolation, message);
    });
    it('refuses a short description over 160 characters', () => {
      given([]).when(open({ shortDescription: 'x'.repeat(161) })).thenThrows(RuleViolation, /at most 160 characters/);
    });
    it('accepts an empty description', () => {
      given([]).when(open({ description: '' })).then([opened({ description: '', offeringId: defaultOfferingId })]);
    });
    it('refuses a service the catalog has not published', () => {
      given([]).when(open({ service: { lifecycle: null, offeringIds: [], defaultOfferingId: null } })).thenThrows(RuleViolation, new RegExp(`Service ${serviceId} is not in the catalog`));
    });
    it('refuses a retired service', () => {
      given([]).when(open({ service: { lifecycle: 'retired', offeringIds: [offeringId], defaultOfferingId: null } })).thenThrows(RuleViolation, /is retired/);
    });
    it('refuses an offering of another service', () => {
      given([]).when(open({ offeringId: 'gold-of-someone-else' })).thenThrows(RuleViolation, /has no offering gold-of-someone-else/);
    });
    it.each([0, 4, 1.5, '1'])('refuses impact %p', (impact) => {
      given([]).when(open({ impact: impact as never })).thenThrows(RuleViolation, /Impact must be 1, 2 or 3/);
    });
    it.each([0, 4])('refuses urgency %p', (urgency) => {
      given([]).when(open({ urgency: urgency as never })).thenThrows(RuleViolation, /Urgency must be 1, 2 or 3/);
    });
    it('refuses a matrix that leaves a pair without priority', () => {
      const holey = { ...DEFAULT_PRIORITY_MATRIX, 3: { 1: 'P3', 2: 'P4' } } as never;
      given([]).when(open({ priorityMatrix: holey })).thenThrows(RuleViolation, /impact 3 × urgency 3/);
    });
    it.each(allButOpen)('refuses: cannot %s', (action) => {
      given([]).when(everyCommand[action]).thenThrows(IllegalTransition, /has not been opened/);
    });
  });

  describe('when new', () => {
    const history = histories.new;
    it('refuses opening it again', () => {
      given(history).when(open()).thenThrows(IllegalTransition, /INC0000001 is already open/);
    });
    it('is assigned to a group and agent', () => {
      given(history).when(assign('service-desk', 'agent-7')).then([assigned('service-desk', 'agent-7')]);
    });
    it('is assigned to a group alone', () => {
      given(history).when(assign('service-desk', null)).then([assigned('service-desk', null)]);
    });
    it('refuses a blank group', () => {
      given(history).when(assign(' ', 'agent-7')).thenThrows(RuleViolation, /assignment group must not be blank/);
    });
    it('refuses a blank agent', () => {
      given(history).when(assign('service-desk', '')).thenThrows(RuleViolation, /agent must not be blank/);
    });
    it('starts work when an agent takes it: assigned, then in progress', () => {
      given(history)
        .when(startWork({ group: 'service-desk', agent: 'agent-7' }))
        .then([assigned('service-desk', 'agent-7'), workStarted('agent-7')]);
    });
    it('refuses starting work without naming who takes it', () => {
      given(history).when(startWork()).thenThrows(IllegalTransition, /INC0000001 is new: assign it, or start work naming the agent/);
    });
    it('is cancelled with a reason', () => {
      given(history).when(cancel('Opened twice')).then([cancelledEvent('new', 'Opened twice')]);
    });
    it('refuses cancelling without a reason', () => {
      given(history).when(cancel(' ')).thenThrows(RuleViolation, /reason for cancelling must not be blank/);
    });
    it.each(refusals('new', ['be put on hold', 'resume', 'be resolved', 'be closed', 'be reopened', 'be escalated to another group']))(
      'refuses: cannot %s',
      (_action, command, message) => {
        given(history).when(command).thenThrows(IllegalTransition, message);
      },
    );
  });

  describe('when assigned', () => {
    const history = histories.assigned;
    it('is reassigned to another agent, staying assigned', () => {
      given(history)
        .when(assign('service-desk', 'agent-9'))
        .then([assigned('service-desk', 'agent-9', { previousGroup: 'service-desk', previousAgent: 'agent-7' })]);
    });
    it('records nothing when assigned to whom it already is', () => {
      given(history).when(assign('service-desk', 'agent-7')).thenNothingHappens();
    });
    it('starts work by its agent', () => {
      given(history).when(startWork()).then([workStarted('agent-7')]);
    });
    it('starts work by another agent who takes it', () => {
      given(history)
        .when(startWork({ group: 'service-desk', agent: 'agent-9' }))
        .then([assigned('service-desk', 'agent-9', { previousGroup: 'service-desk', previousAgent: 'agent-7' }), workStarted('agent-9')]);
    });
    it('starts work naming the agent already assigned without reassigning', () => {
      given(history).when(startWork({ group: 'service-desk', agent: 'agent-7' })).then([workStarted('agent-7')]);
    });
    it('refuses starting work when only a group is assigned and nobody takes it', () => {
      given(histories.assignedToGroupOnly).when(startWork()).thenThrows(RuleViolation, /INC0000001 has no agent assigned/);
    });
    it('goes on hold with a reason', () => {
      given(history).when(hold('awaiting-vendor')).then([heldEvent('awaiting-vendor', 'assigned')]);
    });
    it('refuses a hold reason that is not one of the three', () => {
      given(history).when(hold('lunch' as never)).thenThrows(RuleViolation, /hold reason must be one of awaiting-caller, awaiting-change, awaiting-vendor/);
    });
    it('is resolved', () => {
      given(history).when(resolve()).then([resolvedEvent({ previousState: 'assigned' })]);
    });
    it('is cancelled', () => {
      given(history).when(cancel()).then([cancelledEvent('assigned')]);
    });
    it.each(refusals('assigned', ['resume', 'be closed', 'be reopened']))('refuses: cannot %s', (_action, command, message) => {
      given(history).when(command).thenThrows(IllegalTransition, message);
    });
  });

  describe('when in progress', () => {
    const history = histories.inProgress;
    it('is reassigned and stays in progress', () => {
      const reassigned = assigned('network', 'agent-9', { previousGroup: 'service-desk', previousAgent: 'agent-7', state: 'in-progress' });
      given(history).when(assign('network', 'agent-9')).then([reassigned]);
      given([...history, reassigned]).when(hold()).then([heldEvent('awaiting-caller', 'in-progress')]);
    });
    it('goes on hold awaiting the caller', () => {
      given(history).when(hold('awaiting-caller')).then([heldEvent('awaiting-caller', 'in-progress')]);
    });
    it('goes on hold awaiting a change', () => {
      given(history).when(hold('awaiting-change')).then([heldEvent('awaiting-change', 'in-progress')]);
    });
    it('is resolved with a code and notes', () => {
      given(history).when(resolve('solved-workaround', 'Webmail until the fix')).then([
        resolvedEvent({ code: 'solved-workaround', notes: 'Webmail until the fix' }),
      ]);
    });
    it('refuses a resolution code that is not known', () => {
      given(history).when(resolve('fixed' as never)).thenThrows(RuleViolation, /resolution code must be one of/);
    });
    it('refuses resolving without notes', () => {
      given(history).when(resolve('solved-permanently', '')).thenThrows(RuleViolation, /resolution notes must not be blank/);
    });
    it('names its children when resolved, so they follow', () => {
      given([...history, childLinked(childId)]).when(resolve()).then([resolvedEvent({ childIncidentIds: [childId] })]);
    });
    it('is cancelled', () => {
      given(history).when(cancel()).then([cancelledEvent('in-progress')]);
    });
    it.each(refusals('in-progress', ['start work', 'resume', 'be closed', 'be reopened']))('refuses: cannot %s', (_action, command, message) => {
      given(history).when(command).thenThrows(IllegalTransition, message);
    });
  });

  describe('when on hold', () => {
    const history = histories.onHold;
    it('resumes, back in progress, naming the hold that ended', () => {
      given(history).when(resume()).then([resumed('awaiting-caller')]);
    });
    it('resumes to in progress when held from assigned', () => {
      given([...histories.assigned, heldEvent('awaiting-vendor', 'assigned')]).when(resume()).then([resumed('awaiting-vendor')]);
    });
    it('can be held again after resuming', () => {
      given([...history, resumed()]).when(hold('awaiting-vendor')).then([heldEvent('awaiting-vendor', 'in-progress')]);
    });
    it('is reassigned and stays on hold', () => {
      const reassigned = assigned('network', null, { previousGroup: 'service-desk', previousAgent: 'agent-7', state: 'on-hold' });
      given(history).when(assign('network', null)).then([reassigned]);
      given([...history, reassigned]).when(resume()).then([resumed()]);
    });
    it('is resolved while on hold', () => {
      given(history).when(resolve()).then([resolvedEvent({ previousState: 'on-hold' })]);
    });
    it('is cancelled', () => {
      given(history).when(cancel()).then([cancelledEvent('on-hold')]);
    });
    it.each(refusals('on-hold', ['start work', 'be put on hold', 'be closed', 'be reopened']))('refuses: cannot %s', (_action, command, message) => {
      given(history).when(command).thenThrows(IllegalTransition, message);
    });
  });

  describe('when resolved', () => {
    const history = histories.resolved;
    it('is closed', () => {
      given(history).when(close()).then([closedEvent()]);
    });
    it('is reopened within the window, back in progress', () => {
      const when = daysAfter(3);
      given(history).when(reopen({ when })).then([reopened(1, when.toISOString())]);
    });
    it('is reopened on the last moment of the window', () => {
      const when = daysAfter(7);
      given(history).when(reopen({ when, reopenWindowDays: 7 })).then([reopened(1, when.toISOString())]);
    });
    it('refuses reopening after the window', () => {
      given(history)
        .when(reopen({ when: new Date(daysAfter(7).getTime() + 1), reopenWindowDays: 7 }))
        .thenThrows(RuleViolation, /INC0000001 was resolved at 2026-03-02T10:00:00.000Z, more than 7 days ago: open a new incident/);
    });
    it('follows the configured window', () => {
      given(history).when(reopen({ when: daysAfter(10), reopenWindowDays: 14 })).then([reopened(1, daysAfter(10).toISOString())]);
      given(history).when(reopen({ when: daysAfter(2), reopenWindowDays: 1 })).thenThrows(RuleViolation, /more than 1 days ago/);
    });
    it('counts reopenings', () => {
      const again = [...history, reopened(1), resolvedEvent()];
      given(again).when(reopen()).then([reopened(2)]);
    });
    it('measures the window from the latest resolution', () => {
      const later = daysAfter(10);
      const again = [...history, reopened(1), resolvedEvent({ resolvedAt: later.toISOString() })];
      given(again).when(reopen({ when: daysAfter(12) })).then([reopened(2, daysAfter(12).toISOString())]);
    });
    it('is reopened by its caller as a requester, within the window', () => {
      const when = daysAfter(1);
      given(history)
        .when({ ...reopen({ when }), metadata: metadataAt(when, 'caller-1', 'requester') })
        .then([reopened(1, when.toISOString())]);
    });
    it('refuses a requester reopening an incident someone else called in', () => {
      given(history)
        .when({ ...reopen(), metadata: metadataAt(now, 'caller-2', 'requester') })
        .thenThrows(RuleViolation, /called in by someone else: a requester reopens only their own incidents/);
    });
    it('refuses the caller as a requester after the window, as anyone', () => {
      const when = daysAfter(8);
      given(history)
        .when({ ...reopen({ when }), metadata: metadataAt(when, 'caller-1', 'requester') })
        .thenThrows(RuleViolation, /more than 7 days ago/);
    });
    it('refuses reopening without a reason', () => {
      given(history).when(reopen({ reason: '' })).thenThrows(RuleViolation, /reason for reopening must not be blank/);
    });
    it('refuses a negative window', () => {
      given(history).when(reopen({ reopenWindowDays: -1 })).thenThrows(RuleViolation, /zero or more days/);
    });
    it('still takes work log entries', () => {
      given(history).when(logWork(15)).then([workLogged(15)]);
    });
    it('is still linked to the change that fixed it', () => {
      given(history).when(linkToChange('resolved-by')).then([linkedToChange('resolved-by')]);
    });
    it.each(
      refusals('resolved', [
        'be assigned', 'start work', 'be put on hold', 'resume', 'be resolved', 'be resolved with its parent', 'be cancelled',
        'change priority', 'be escalated to another group', 'be escalated', 'be proposed as a major incident',
        'be accepted as a major incident', 'be rejected as a major incident', 'be linked to a parent', 'take child incidents',
      ]),
    )('refuses: cannot %s', (_action, command, message) => {
      given(history).when(command).thenThrows(IllegalTransition, message);
    });
  });

  describe('when closed', () => {
    it.each(refusals('closed', allButOpen))('refuses: cannot %s', (_action, command, message) => {
      given(histories.closed).when(command).thenThrows(IllegalTransition, message);
    });
    it('refuses opening it again', () => {
      given(histories.closed).when(open()).thenThrows(IllegalTransition, /already open/);
    });
  });

  describe('when cancelled', () => {
    it.each(refusals('cancelled', allButOpen))('refuses: cannot %s', (_action, command, message) => {
      given(histories.cancelled).when(command).thenThrows(IllegalTransition, message);
    });
    it('refuses opening it again', () => {
      given(histories.cancelled).when(open()).thenThrows(IllegalTransition, /already open/);
    });
  });

  const openStates = [
    ['new', histories.new],
    ['assigned', histories.assigned],
    ['in-progress', histories.inProgress],
    ['on-hold', histories.onHold],
  ] as const;

  describe('priority', () => {
    it.each(openStates)('changes when %s', (_state, history) => {
      given(history).when(changePriority({ impact: 1 })).then([priorityChanged(1, 2, 'P3', 'P2')]);
    });
    it('follows urgency alone', () => {
      given(histories.new).when(changePriority({ urgency: 3 })).then([priorityChanged(2, 3, 'P3', 'P4')]);
    });
    it('records an impact/urgency change even when the priority stays', () => {
      given(histories.new).when(changePriority({ impact: 1, urgency: 3 })).then([priorityChanged(1, 3, 'P3', 'P3')]);
    });
    it('uses the configured matrix', () => {
      const flat = { 1: { 1: 'P1', 2: 'P1', 3: 'P1' }, 2: { 1: 'P1', 2: 'P1', 3: 'P1' }, 3: { 1: 'P1', 2: 'P1', 3: 'P1' } } as const;
      given(histories.new).when(changePriority({ impact: 3 }, flat)).then([priorityChanged(3, 2, 'P3', 'P1')]);
    });
    it('starts from the last change', () => {
      given([...histories.new, priorityChanged(1, 1, 'P3', 'P1')])
        .when(changePriority({ urgency: 2 }))
        .then([priorityChanged(1, 2, 'P1', 'P2', { impact: 1, urgency: 1 })]);
    });
    it('records nothing when neither impact nor urgency changes', () => {
      given(histories.new).when(changePriority({ impact: 2, urgency: 2 })).thenNothingHappens();
    });
    it('refuses an impact out of range', () => {
      given(histories.new).when(changePriority({ impact: 5 as never })).thenThrows(RuleViolation, /Impact must be 1, 2 or 3/);
    });
  });

  describe('escalation', () => {
    describe('functional (to another group)', () => {
      it.each(openStates.slice(1))('hands the incident to the group when %s, without an agent', (state, history) => {
        given(history)
          .when(escalateToGroup('mail-team'))
          .then([
            escalatedToGroup('service-desk', 'mail-team'),
            assigned('mail-team', null, { previousGroup: 'service-desk', previousAgent: 'agent-7', state }),
          ]);
      });
      it('refuses escalating to the group it is with', () => {
        given(histories.assigned).when(escalateToGroup('service-desk')).thenThrows(RuleViolation, /already with group service-desk/);
      });
      it('refuses escalating without a reason', () => {
        given(histories.assigned).when(escalateToGroup('mail-team', ' ')).thenThrows(RuleViolation, /reason for escalating/);
      });
      it('refuses a blank group', () => {
        given(histories.assigned).when(escalateToGroup('')).thenThrows(RuleViolation, /group to escalate to must not be blank/);
      });
    });

    describe('hierarchical (levels)', () => {
      it.each(openStates)('raises the level from 0 to 1 when %s', (_state, history) => {
        given(history).when(escalateUp()).then([escalatedToLevel(1)]);
      });
      it('raises one level at a time', () => {
        given([...histories.inProgress, escalatedToLevel(1)]).when(escalateUp()).then([escalatedToLevel(2)]);
      });
      it('refuses going past the highest level', () => {
        given([...histories.inProgress, escalatedToLevel(1), escalatedToLevel(2)])
          .when(escalateUp(2))
          .thenThrows(RuleViolation, /already at the highest escalation level \(2\)/);
      });
      it('refuses a highest level that is not a positive whole number', () => {
        given(histories.inProgress).when(escalateUp(0)).thenThrows(RuleViolation, /highest escalation level must be a positive whole number/);
      });
      it('refuses escalating without a reason', () => {
        given(histories.inProgress).when(escalateUp(3, '')).thenThrows(RuleViolation, /reason for escalating/);
      });
    });
  });

  describe('work log', () => {
    it.each([...openStates, ['resolved', histories.resolved] as const])('takes an entry with time spent when %s', (_state, history) => {
      given(history).when(logWork(45, 'Called the vendor')).then([workLogged(45, 'Called the vendor')]);
    });
    it.each([0, -10, 2.5])('refuses %p minutes', (minutes) => {
      given(histories.inProgress).when(logWork(minutes)).thenThrows(RuleViolation, /minutes spent must be a positive whole number/);
    });
    it('refuses an empty entry', () => {
      given(histories.inProgress).when(logWork(10, ' ')).thenThrows(RuleViolation, /work log entry must not be blank/);
    });
  });

  describe('major incident', () => {
    it.each(openStates)('is proposed when %s, by whom', (_state, history) => {
      given(history).when(proposeMajor()).then([majorProposed()]);
    });
    it('refuses a proposal without justification', () => {
      given(histories.inProgress).when(proposeMajor('')).thenThrows(RuleViolation, /justification must not be blank/);
    });
    describe('when proposed', () => {
      const history = [...histories.inProgress, majorProposed()];
      it('is accepted, by whom', () => {
        given(history).when(acceptMajor('mim-1')).then([majorAccepted('mim-1')]);
      });
      it('refuses acceptance by the agent who proposed it (separation of duties)', () => {
        given(history).when(acceptMajor('agent-7')).thenThrows(RuleViolation, /proposed as a major incident by agent-7: someone else must accept it/);
      });
      it('lets the proposer withdraw it by rejecting', () => {
        given(history).when(rejectMajor('agent-7', 'False alarm')).then([majorRejected('agent-7', 'False alarm')]);
      });
      it('is rejected, by whom and why', () => {
        given(history).when(rejectMajor('mim-2', 'Only one site affected')).then([majorRejected('mim-2', 'Only one site affected')]);
      });
      it('refuses a rejection without a reason', () => {
        given(history).when(rejectMajor('mim-2', ' ')).thenThrows(RuleViolation, /reason for rejecting/);
      });
      it('refuses proposing it again', () => {
        given(history).when(proposeMajor()).thenThrows(IllegalTransition, /already proposed as a major incident/);
      });
    });
    describe('when not proposed', () => {
      it.each([
        ['accepting', acceptMajor()],
        ['rejecting', rejectMajor()],
      ])('refuses %s', (_what, command) => {
        given(histories.inProgress).when(command).thenThrows(IllegalTransition, /no pending major-incident proposal \(it is none\)/);
      });
    });
    describe('when accepted', () => {
      const history = [...histories.inProgress, majorProposed(), majorAccepted()];
      it('refuses proposing it again', () => {
        given(history).when(proposeMajor()).thenThrows(IllegalTransition, /already a major incident/);
      });
      it.each([
        ['accepting', acceptMajor()],
        ['rejecting', rejectMajor()],
      ])('refuses %s again', (_what, command) => {
        given(history).when(command).thenThrows(IllegalTransition, /no pending major-incident proposal \(it is accepted\)/);
      });
    });
    describe('when rejected', () => {
      const history = [...histories.inProgress, majorProposed(), majorRejected()];
      it('may be proposed again', () => {
        given(history).when(proposeMajor('Now three sites')).then([majorProposed('Now three sites')]);
      });
      it('refuses accepting the rejected proposal', () => {
        given(history).when(acceptMajor()).thenThrows(IllegalTransition, /\(it is rejected\)/);
      });
    });
  });

  describe('parent and child', () => {
    describe('the child', () => {
      it.each(openStates)('takes a parent when %s', (_state, history) => {
        given(history).when(linkToParent()).then([parentLinked()]);
      });
      it('refuses itself as parent', () => {
        given(histories.new).when(linkToParent(incidentId)).thenThrows(RuleViolation, /cannot be its own parent/);
      });
      it('refuses the same parent twice', () => {
        given([...histories.new, parentLinked()]).when(linkToParent()).thenThrows(RuleViolation, /already a child of INC0000002/);
      });
      it('refuses a second parent', () => {
        const other = '0190f3a4-0000-7000-8000-000000001009';
        given([...histories.new, parentLinked()]).when(linkToParent(other, 'INC0000009')).thenThrows(RuleViolation, /already has a parent/);
      });
      it('refuses a parent that is its own child (a cycle)', () => {
        given([...histories.new, childLinked(parentId, 'INC0000002')])
          .when(linkToParent(parentId))
          .thenThrows(RuleViolation, /INC0000002 is a child of INC0000001: the link would create a cycle/);
      });
      it.each(openStates)('is resolved with its parent when %s, taking the parent’s code and notes', (state, history) => {
        given([...history, parentLinked()])
          .when(resolveWithParent(parentId, 'solved-workaround', 'Fixed at the parent'))
          .then([
            resolvedEvent({
              code: 'solved-workaround', notes: 'Fixed at the parent', previousState: state, resolvedWithParentIncidentId: parentId,
            }),
          ]);
      });
      it('passes the resolution on to its own children', () => {
        given([...histories.inProgress, parentLinked(), childLinked()])
          .when(resolveWithParent())
          .then([resolvedEvent({ notes: 'Fixed at the parent', childIncidentIds: [childId], resolvedWithParentIncidentId: parentId })]);
      });
      it('refuses a resolution from an incident that is not its parent', () => {
        given(histories.inProgress).when(resolveWithParent()).thenThrows(RuleViolation, new RegExp(`INC0000001 is not a child of incident ${parentId}`));
      });
    });

    describe('a link the parent did not take', () => {
      it('is revoked on the child, which may then take another parent', () => {
        given([...histories.new, parentLinked()]).when(revokeParentLink()).then([parentLinkRevoked()]);
        const other = '0190f3a4-0000-7000-8000-000000001009';
        given([...histories.new, parentLinked(), parentLinkRevoked()]).when(linkToParent(other, 'INC0000009')).then([parentLinked(other, 'INC0000009')]);
      });
      it('is revoked once: a link already gone, or to another parent, needs nothing', () => {
        given([...histories.new, parentLinked(), parentLinkRevoked()]).when(revokeParentLink()).thenNothingHappens();
        given(histories.new).when(revokeParentLink()).thenNothingHappens();
        given([...histories.new, parentLinked('0190f3a4-0000-7000-8000-000000001009', 'INC0000009')]).when(revokeParentLink()).thenNothingHappens();
      });
      it('needs a reason', () => {
        given([...histories.new, parentLinked()]).when(revokeParentLink(parentId, ' ')).thenThrows(RuleViolation, /reason/i);
      });
    });

    describe('the parent', () => {
      it.each(openStates)('records a child when %s', (_state, history) => {
        given(history).when(linkChild()).then([childLinked()]);
      });
      it('records several children', () => {
        const second = '0190f3a4-0000-7000-8000-000000001004';
        given([...histories.inProgress, childLinked()]).when(linkChild(second, 'INC0000004')).then([childLinked(second, 'INC0000004')]);
      });
      it('refuses itself as child', () => {
        given(histories.new).when(linkChild(incidentId)).thenThrows(RuleViolation, /cannot be its own child/);
      });
      it('refuses the same child twice', () => {
        given([...histories.new, childLinked()]).when(linkChild()).thenThrows(RuleViolation, /INC0000003 is already a child of INC0000001/);
      });
      it('refuses its own parent as child (a cycle)', () => {
        given([...histories.new, parentLinked(childId, 'INC0000003')])
          .when(linkChild())
          .thenThrows(RuleViolation, /INC0000003 is the parent of INC0000001: the link would create a cycle/);
      });
    });
  });

  describe('links to changes', () => {
    it.each(openStates)('links a change when %s', (_state, history) => {
      given(history).when(linkToChange('caused-by')).then([linkedToChange('caused-by')]);
    });
    it('links the same change again under another relation', () => {
      given([...histories.inProgress, linkedToChange('related')]).when(linkToChange('caused-by')).then([linkedToChange('caused-by')]);
    });
    it('refuses the same change and relation twice', () => {
      given([...histories.inProgress, linkedToChange('caused-by')])
        .when(linkToChange('caused-by'))
        .thenThrows(RuleViolation, /already linked to change CHG0000009 as caused-by/);
    });
    it('refuses an unknown relation', () => {
      given(histories.inProgress).when(linkToChange('blamed' as never)).thenThrows(RuleViolation, /relation must be one of caused-by, resolved-by, related/);
    });
    it('refuses a blank change id', () => {
      given(histories.inProgress).when(linkToChange('related', ' ')).thenThrows(RuleViolation, /change id must not be blank/);
    });
  });

  it('stamps every fact with the command’s time and actor, not the clock', () => {
    const later = '2027-01-01T00:00:00.000Z';
    given(histories.inProgress)
      .when({ ...resolve(), metadata: metadataAt(later) })
      .then([resolvedEvent({ resolvedAt: later })]);
    given(histories.inProgress)
      .when({ ...proposeMajor(), metadata: metadataAt(later, 'agent-42') })
      .then([{ type: 'MajorIncidentProposed', data: { incidentId, justification: 'Whole company without email', proposedBy: 'agent-42', proposedAt: later } }]);
  });
});
