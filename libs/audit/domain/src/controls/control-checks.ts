import type { RecordedEvent } from '@itsm/event-sourcing';

/**
 * Control checks over the event log (issue 12, point 5): a fold over the events as stored, in global order, that
 * keeps per record only what a control needs and reports findings, each citing the event ids that prove it. Pure:
 * no I/O, no clock. The same fold runs in `itsm export --audit` (controls.json) and behind
 * `GET /api/v1/audit/controls`, which keeps it and feeds it only the events appended since its last answer.
 *
 * It reads published contract types by name (incidents, SLA timers, changes) and only fields that every schema
 * version of those types carries, so it needs no upcasting and reads old logs as they are.
 */

export const CONTROL_IDS = [
  'sla-breach-without-escalation',
  'work-logged-without-agent-role',
  'change-implemented-before-approval',
  'change-self-approval',
  'emergency-change-closed-without-review',
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

export interface ControlDefinition {
  id: ControlId;
  title: string;
  /** What is checked, from which events, and what the log cannot tell. */
  rule: string;
}

export const CONTROLS: readonly ControlDefinition[] = [
  {
    id: 'sla-breach-without-escalation',
    title: 'Incidents that breached an SLA without an escalation',
    rule:
      'An incident stream holds an SlaBreached event (response or resolution timer) and no IncidentEscalated event ' +
      '(functional or hierarchical) anywhere in its life. Cites the incident\'s IncidentOpened and each SlaBreached.',
  },
  {
    id: 'work-logged-without-agent-role',
    title: 'Work logged by someone without the agent role',
    rule:
      'An IncidentWorkLogged event whose actor did not act in the agent role. Events record the one role the ' +
      'request was let through with (actor.role), not every role the person held: someone holding both agent and ' +
      'admin who logged work as admin is a finding, and an event without actor.role (written by a process or a ' +
      'tool) is one too. Cites the IncidentWorkLogged event.',
  },
  {
    id: 'change-implemented-before-approval',
    title: 'Changes whose implementation started before approval',
    rule:
      'A ChangeImplementationStarted event for a change that had no standing approval at that point of the log: ' +
      'neither a ChangeAuthorized nor a pre-approved ChangeScheduled (standard change) since it was raised or since ' +
      'its last ChangeApprovalsLapsed or ChangeRejected. Cites ChangeRaised, the lapse or rejection (if any) and ' +
      'ChangeImplementationStarted.',
  },
  {
    id: 'change-self-approval',
    title: 'Requesters or implementers approving their own change',
    rule:
      'A ChangeApprovalRecorded with decision "approve" by the change\'s requester (ChangeRaised.requesterId) or by ' +
      'its implementer at that time (the implementer agent of ChangeRaised, or of the last ChangeUpdated that set ' +
      'it); and an implementation started (ChangeImplementationStarted) by an implementer who approved the round ' +
      'that authorized it. Cites ChangeRaised, the event that named the implementer, and the approval.',
  },
  {
    id: 'emergency-change-closed-without-review',
    title: 'Emergency changes closed without a post-implementation review',
    rule:
      'A ChangeClosed event for a change whose type was emergency (ChangeRaised, or the last ChangeTypeChanged) ' +
      'with no ChangePostImplementationReviewRecorded before it. Cites ChangeRaised (or the ChangeTypeChanged) and ' +
      'ChangeClosed.',
  },
];

/** One breach of a control, with the events that prove it (their ids, types and global positions). */
export interface ControlFinding {
  control: ControlId;
  /** The record concerned: its stream, and its number when the log holds one (INC…, CHG…). */
  streamId: string;
  number: string | null;
  /** One sentence: who, what, when. */
  summary: string;
  /** The event ids that prove the finding, in log order. */
  eventIds: string[];
  evidence: { eventId: string; type: string; globalPosition: number; recordedAt: string }[];
}

export interface ControlSummary extends ControlDefinition {
  findings: number;
}

export interface ControlReport {
  /** Events read: the log up to `lastPosition`. */
  eventsRead: number;
  lastPosition: number | null;
  controls: ControlSummary[];
  /** In the order the controls are listed, then in log order of their last evidence. */
  findings: ControlFinding[];
}

type Evidence = ControlFinding['evidence'][number];
const evidenceOf = (event: RecordedEvent): Evidence => ({
  eventId: event.eventId,
  type: event.type,
  globalPosition: event.globalPosition,
  recordedAt: event.recordedAt,
});

const field = (event: RecordedEvent, name: string): unknown => (event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>)[name] : undefined);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

interface IncidentState {
  opened: Evidence | null;
  number: string | null;
  escalated: boolean;
  breaches: { evidence: Evidence; kind: string | null; at: string }[];
}

interface ChangeState {
  raised: Evidence | null;
  number: string | null;
  requesterId: string | null;
  type: string | null;
  /** The event that set the type (ChangeRaised or ChangeTypeChanged). */
  typeEvidence: Evidence | null;
  implementer: string | null;
  implementerEvidence: Evidence | null;
  /** The approval standing at this point of the log (ChangeAuthorized, or ChangeScheduled as pre-approved). */
  approval: Evidence | null;
  /** The last lapse or rejection that withdrew approval. */
  withdrawn: Evidence | null;
  /** Approvers ("approve" decisions) of the current round, with their events. */
  approvers: Map<string, { evidence: Evidence; reported: boolean }>;
  reviewed: boolean;
}

const INCIDENT_TYPES = new Set(['IncidentOpened', 'IncidentEscalated', 'SlaBreached', 'IncidentWorkLogged']);

/**
 * The fold. `observe` each event in global order (as stored), then `report()`; observing more events after a
 * report continues the same fold. Memory: a few strings per incident (the SLA engine may record a breach after
 * the incident was closed or cancelled, so an incident is never forgotten), per change not yet closed or canceled,
 * and the findings.
 */
export class ControlChecks {
  private readonly incidents = new Map<string, IncidentState>();
  private readonly changes = new Map<string, ChangeState>();
  /** Findings that no later event can clear (the SLA control's are computed in `report`). */
  private readonly settled: ControlFinding[] = [];
  private eventsRead = 0;
  private lastPosition: number | null = null;

  observe(event: RecordedEvent): void {
    this.eventsRead++;
    this.lastPosition = event.globalPosition;
    if (INCIDENT_TYPES.has(event.type)) this.observeIncident(event);
    else if (event.type.startsWith('Change') && event.streamId.startsWith('change-')) this.observeChange(event);
  }

  observeAll(events: Iterable<RecordedEvent>): this {
    for (const event of events) this.observe(event);
    return this;
  }

  report(): ControlReport {
    const breaches: ControlFinding[] = [];
    for (const [streamId, incident] of this.incidents) {
      const open = breachFinding(streamId, incident);
      if (open) breaches.push(open);
    }
    const lastEvidence = (item: ControlFinding) => item.evidence[item.evidence.length - 1].globalPosition;
    const findings = [...breaches, ...this.settled].sort(
      (a, b) => CONTROL_IDS.indexOf(a.control) - CONTROL_IDS.indexOf(b.control) || lastEvidence(a) - lastEvidence(b),
    );
    return {
      eventsRead: this.eventsRead,
      lastPosition: this.lastPosition,
      controls: CONTROLS.map((control) => ({ ...control, findings: findings.filter((item) => item.control === control.id).length })),
      findings,
    };
  }

  private incident(streamId: string): IncidentState {
    let state = this.incidents.get(streamId);
    if (!state) {
      state = { opened: null, number: null, escalated: false, breaches: [] };
      this.incidents.set(streamId, state);
    }
    return state;
  }

  private observeIncident(event: RecordedEvent): void {
    switch (event.type) {
      case 'IncidentOpened': {
        // Its number and the evidence that it was opened, cited if it breaches.
        const state = this.incident(event.streamId);
        state.opened = evidenceOf(event);
        state.number = text(field(event, 'number'));
        return;
      }
      case 'SlaBreached': {
        const state = this.incident(event.streamId);
        if (!state.escalated) state.breaches.push({ evidence: evidenceOf(event), kind: text(field(event, 'kind')), at: text(field(event, 'breachedAt')) ?? event.recordedAt });
        return;
      }
      case 'IncidentEscalated': {
        const state = this.incident(event.streamId);
        state.escalated = true;
        state.breaches = [];
        return;
      }
      case 'IncidentWorkLogged': {
        if (event.actor?.role === 'agent') return;
        const number = this.incidents.get(event.streamId)?.number ?? null;
        const who = event.actor?.id ?? 'an unknown actor';
        const role = event.actor?.role ? `as ${event.actor.role}` : 'with no role recorded';
        const minutes = field(event, 'minutesSpent');
        const at = text(field(event, 'loggedAt')) ?? event.recordedAt;
        this.settled.push(
          finding(
            'work-logged-without-agent-role',
            event.streamId,
            number,
            `${number ?? event.streamId}: ${who} logged ${typeof minutes === 'number' ? `${minutes} minutes of ` : ''}work ${role} at ${at}`,
            [evidenceOf(event)],
          ),
        );
        return;
      }
    }
  }

  private change(streamId: string): ChangeState {
    let state = this.changes.get(streamId);
    if (!state) {
      state = {
        raised: null,
        number: null,
        requesterId: null,
        type: null,
        typeEvidence: null,
        implementer: null,
        implementerEvidence: null,
        approval: null,
        withdrawn: null,
        approvers: new Map(),
        reviewed: false,
      };
      this.changes.set(streamId, state);
    }
    return state;
  }

  private observeChange(event: RecordedEvent): void {
    const state = this.change(event.streamId);
    const evidence = evidenceOf(event);
    const label = state.number ?? event.streamId;
    switch (event.type) {
      case 'ChangeRaised':
        state.raised = evidence;
        state.number = text(field(event, 'number'));
        state.requesterId = text(field(event, 'requesterId'));
        state.type = text(field(event, 'type'));
        state.typeEvidence = evidence;
        state.implementer = agentOf(field(event, 'implementer'));
        state.implementerEvidence = evidence;
        return;
      case 'ChangeUpdated': {
        const changes = field(event, 'changes');
        if (changes && typeof changes === 'object' && 'implementer' in changes) {
          state.implementer = agentOf((changes as { implementer: unknown }).implementer);
          state.implementerEvidence = evidence;
        }
        return;
      }
      case 'ChangeTypeChanged':
        state.type = text(field(event, 'to'));
        state.typeEvidence = evidence;
        return;
      case 'ChangeApprovalRequested':
        state.approvers = new Map();
        return;
      case 'ChangeApprovalRecorded': {
        if (field(event, 'decision') !== 'approve') return;
        const approverId = text(field(event, 'approverId'));
        if (!approverId) return;
        const roles = [
          ...(approverId === state.requesterId ? ['requested'] : []),
          ...(approverId === state.implementer ? ['implements'] : []),
        ];
        state.approvers.set(approverId, { evidence, reported: roles.length > 0 });
        if (roles.length > 0) {
          const cited = [state.raised, ...(roles.includes('implements') ? [state.implementerEvidence] : []), evidence];
          this.settled.push(
            finding('change-self-approval', event.streamId, state.number, `${label}: ${approverId}, who ${roles.join(' and ')} it, approved it at ${event.recordedAt}`, cited),
          );
        }
        return;
      }
      case 'ChangeAuthorized':
        state.approval = evidence;
        return;
      case 'ChangeScheduled':
        if (field(event, 'because') === 'pre-approved') state.approval = evidence;
        return;
      case 'ChangeApprovalsLapsed':
      case 'ChangeRejected':
        state.approval = null;
        state.withdrawn = evidence;
        state.approvers = new Map();
        return;
      case 'ChangeImplementationStarted': {
        if (!state.approval) {
          const why = state.withdrawn ? `its approval was withdrawn (${state.withdrawn.type}) and not given again` : 'it was never approved';
          this.settled.push(
            finding('change-implemented-before-approval', event.streamId, state.number, `${label}: implementation started at ${event.recordedAt} but ${why}`, [
              state.raised,
              state.withdrawn,
              evidence,
            ]),
          );
        }
        const implementer = agentOf(field(event, 'implementer')) ?? state.implementer;
        const approved = implementer ? state.approvers.get(implementer) : undefined;
        // Not when already reported at the approval (they implemented it then too).
        if (implementer && approved && !approved.reported) {
          this.settled.push(
            finding('change-self-approval', event.streamId, state.number, `${label}: ${implementer} approved it, then implemented it from ${event.recordedAt}`, [
              state.raised,
              approved.evidence,
              evidence,
            ]),
          );
        }
        return;
      }
      case 'ChangePostImplementationReviewRecorded':
        state.reviewed = true;
        return;
      case 'ChangeClosed':
        if (state.type === 'emergency' && !state.reviewed) {
          this.settled.push(
            finding('emergency-change-closed-without-review', event.streamId, state.number, `${label}: an emergency change closed at ${event.recordedAt} without a post-implementation review`, [
              state.typeEvidence,
              evidence,
            ]),
          );
        }
        this.changes.delete(event.streamId);
        return;
      case 'ChangeCanceled':
        this.changes.delete(event.streamId);
        return;
    }
  }
}

const breachFinding = (streamId: string, incident: IncidentState): ControlFinding | null => {
  if (incident.escalated || incident.breaches.length === 0) return null;
  const evidence = [incident.opened, ...incident.breaches.map((breach) => breach.evidence)];
  const breaches = incident.breaches.map((breach) => `the ${breach.kind ?? ''} SLA breached at ${breach.at}`.replace('  ', ' ')).join(', ');
  return finding('sla-breach-without-escalation', streamId, incident.number, `${incident.number ?? streamId}: ${breaches}; never escalated`, evidence);
};

const agentOf = (implementer: unknown): string | null =>
  implementer && typeof implementer === 'object' ? text((implementer as { agent?: unknown }).agent) : null;

const finding = (control: ControlId, streamId: string, number: string | null, summary: string, cited: readonly (Evidence | null | undefined)[]): ControlFinding => {
  const evidence: Evidence[] = [];
  for (const item of cited) if (item && !evidence.some((known) => known.eventId === item.eventId)) evidence.push(item);
  evidence.sort((a, b) => a.globalPosition - b.globalPosition);
  return { control, streamId, number, summary, eventIds: evidence.map((item) => item.eventId), evidence };
};

/** The controls over a whole sequence of events (in global order). */
export const checkControls = (events: Iterable<RecordedEvent>): ControlReport => new ControlChecks().observeAll(events).report();
