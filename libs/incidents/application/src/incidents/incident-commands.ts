import type { ChangeLinkRelation, HoldReason, Impact, ResolutionCode, SlaEvent, Urgency } from '@itsm/contracts';
import { IllegalTransition, newId, WrongExpectedRevisionError, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import {
  DEFAULT_INCIDENT_POLICY,
  incidentDecider,
  pendingSlaDeadlines,
  resolveBecauseParentResolved,
  type IncidentCommand,
  type IncidentEvent,
  type IncidentPolicy,
  type OpenedIncident,
} from '@itsm/incidents-domain';
import type { IncidentCatalog } from '../catalog-copy/incident-catalog.port';
import { systemClock, type Clock } from '../clock.port';
import { attemptsFor, type CommandOptions, type RequestMetadata } from '../command-options';
import { IncidentNotFound } from '../errors';
import { slaConsequences } from '../sla/sla-process';
import type { SlaTimerStore } from '../sla/sla-timer-store';
import type { IncidentNumberAllocator } from './incident-number-allocator';
import { incidentStreamOf, loadIncidentStream } from './incident-stream';

type Intent<C> = C extends unknown ? Omit<C, 'metadata'> : never;

export interface IncidentCommandResult {
  id: string;
  number: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  incident: OpenedIncident;
  /** Incident and SLA events appended, in stream order (none when the command changed nothing). */
  events: RecordedEvent[];
}

export interface OpenIncidentInput {
  callerId: string;
  shortDescription: string;
  description: string;
  serviceId: string;
  offeringId?: string | null;
  impact: Impact;
  urgency: Urgency;
}

export interface IncidentCommandsDependencies {
  store: Pick<EventStore, 'readStream' | 'appendToStream'>;
  numbers: IncidentNumberAllocator;
  catalog: IncidentCatalog;
  timers: Pick<SlaTimerStore, 'reschedule'>;
  policy?: IncidentPolicy;
  clock?: Clock;
}

/**
 * The incident use cases: read the incident stream, decide the command, let the SLA policy decide what follows
 * from its events, and append both in one append with the expected revision; then schedule the next deadlines.
 */
export class IncidentCommands {
  private readonly policy: IncidentPolicy;
  private readonly clock: Clock;

  constructor(private readonly deps: IncidentCommandsDependencies) {
    this.policy = deps.policy ?? DEFAULT_INCIDENT_POLICY;
    this.clock = deps.clock ?? systemClock;
  }

  async open(input: OpenIncidentInput, metadata: RequestMetadata): Promise<IncidentCommandResult> {
    const incidentId = newId();
    const [number, service] = await Promise.all([this.deps.numbers.next(), this.deps.catalog.serviceForIncident(input.serviceId)]);
    const { callerId, shortDescription, description, serviceId, impact, urgency } = input;
    const data = {
      incidentId, number, callerId, shortDescription, description, serviceId, impact, urgency, service,
      offeringId: input.offeringId ?? null,
      priorityMatrix: this.policy.priorityMatrix,
    };
    return this.handle(incidentId, { type: 'OpenIncident', data }, metadata, { expectedRevision: -1 });
  }

  assign(id: string, input: { group: string; agent?: string | null }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'AssignIncident', data: { group: input.group, agent: input.agent ?? null } }, metadata, options);
  }

  start(id: string, input: { assignTo?: { group: string; agent: string } }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'StartIncidentWork', data: input.assignTo ? { assignTo: input.assignTo } : {} }, metadata, options);
  }

  hold(id: string, input: { reason: HoldReason }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'PutIncidentOnHold', data: { reason: input.reason } }, metadata, options);
  }

  resume(id: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'ResumeIncident', data: {} }, metadata, options);
  }

  /** Resolves the incident, then each of its children still open ("resolving the parent resolves its open children"). */
  async resolve(id: string, input: { code: ResolutionCode; notes: string }, metadata: RequestMetadata, options?: CommandOptions) {
    const result = await this.handle(id, { type: 'ResolveIncident', data: { code: input.code, notes: input.notes } }, metadata, options);
    await this.resolveChildrenOf(result.events, metadata);
    return result;
  }

  close(id: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'CloseIncident', data: {} }, metadata, options);
  }

  reopen(id: string, input: { reason: string }, metadata: RequestMetadata, options?: CommandOptions) {
    const data = { reason: input.reason, reopenWindowDays: this.policy.reopenWindowDays };
    return this.handle(id, { type: 'ReopenIncident', data }, metadata, options);
  }

  cancel(id: string, input: { reason: string }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'CancelIncident', data: { reason: input.reason } }, metadata, options);
  }

  changePriority(id: string, input: { impact?: Impact; urgency?: Urgency }, metadata: RequestMetadata, options?: CommandOptions) {
    const data = { impact: input.impact, urgency: input.urgency, priorityMatrix: this.policy.priorityMatrix };
    return this.handle(id, { type: 'ChangeIncidentPriority', data }, metadata, options);
  }

  escalate(
    id: string,
    input: { kind: 'functional'; toGroup: string; reason: string } | { kind: 'hierarchical'; reason: string },
    metadata: RequestMetadata,
    options?: CommandOptions,
  ) {
    const data =
      input.kind === 'functional'
        ? { kind: 'functional' as const, toGroup: input.toGroup, reason: input.reason }
        : { kind: 'hierarchical' as const, reason: input.reason, maxEscalationLevel: this.policy.maxEscalationLevel };
    return this.handle(id, { type: 'EscalateIncident', data }, metadata, options);
  }

  async logWork(id: string, input: { entry: string; minutesSpent: number }, metadata: RequestMetadata, options?: CommandOptions) {
    const entryId = newId();
    const data = { entryId, entry: input.entry, minutesSpent: input.minutesSpent };
    return { ...(await this.handle(id, { type: 'LogIncidentWork', data }, metadata, options)), entryId };
  }

  proposeMajor(id: string, input: { justification: string }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'ProposeMajorIncident', data: { justification: input.justification } }, metadata, options);
  }

  acceptMajor(id: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'AcceptMajorIncident', data: {} }, metadata, options);
  }

  rejectMajor(id: string, input: { reason: string }, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(id, { type: 'RejectMajorIncident', data: { reason: input.reason } }, metadata, options);
  }

  /**
   * Two appends: the child takes its parent (with the caller's If-Match), then the parent records its child. Each
   * side refuses the cycle it can see; the parent is checked first so a refusal leaves both streams unchanged.
   */
  async linkToParent(childId: string, parentId: string, metadata: RequestMetadata, options?: CommandOptions) {
    const [child, parent] = await Promise.all([this.openedOrThrow(childId), this.openedOrThrow(parentId)]);
    if (parent.childIncidentIds.includes(childId)) return this.resultOf(childId);
    incidentDecider.decide(
      { type: 'LinkChildIncident', data: { childIncidentId: childId, childNumber: child.number }, metadata: this.commandMetadata(metadata) },
      parent,
    );
    const linked = await this.handle(
      childId,
      { type: 'LinkIncidentToParent', data: { parentIncidentId: parentId, parentNumber: parent.number } },
      metadata,
      options,
    );
    await this.handle(parentId, { type: 'LinkChildIncident', data: { childIncidentId: childId, childNumber: child.number } }, metadata);
    return linked;
  }

  linkToChange(
    id: string,
    input: { changeId: string; changeNumber: string; relation: ChangeLinkRelation },
    metadata: RequestMetadata,
    options?: CommandOptions,
  ) {
    return this.handle(id, { type: 'LinkIncidentToChange', data: input }, metadata, options);
  }

  /** The incident and its revision straight from its stream (as recorded by `asOf` when given); throws IncidentNotFound. */
  async load(id: string, options: { asOf?: Date } = {}) {
    const loaded = await loadIncidentStream(this.deps.store, this.deps.catalog, id, options);
    if (loaded.incident.status === 'unopened') throw new IncidentNotFound(id);
    return { ...loaded, incident: loaded.incident };
  }

  private async openedOrThrow(id: string): Promise<OpenedIncident> {
    return (await this.load(id)).incident;
  }

  private async resultOf(id: string): Promise<IncidentCommandResult> {
    const { incident, revision } = await this.load(id);
    return { id, number: incident.number, revision, incident, events: [] };
  }

  private async resolveChildrenOf(events: readonly RecordedEvent[], metadata: RequestMetadata): Promise<void> {
    const resolved = events.find((event) => event.type === 'IncidentResolved');
    if (!resolved) return;
    const parentResolved = resolved.data as Extract<IncidentEvent, { type: 'IncidentResolved' }>['data'];
    for (const childId of parentResolved.childIncidentIds) {
      const child = await this.load(childId).catch(() => null);
      const command = child && resolveBecauseParentResolved(parentResolved, child.incident, this.commandMetadata(metadata));
      if (!command) continue;
      const result = await this.handle(childId, { type: command.type, data: command.data }, metadata);
      await this.resolveChildrenOf(result.events, metadata);
    }
  }

  private commandMetadata(metadata: RequestMetadata) {
    return { now: this.clock.now(), actor: metadata.actor };
  }

  private async handle(
    incidentId: string,
    intent: Intent<IncidentCommand>,
    metadata: RequestMetadata,
    options: CommandOptions = {},
  ): Promise<IncidentCommandResult> {
    const streamId = incidentStreamOf(incidentId);
    const attempts = attemptsFor(options);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.decideAndAppend(incidentId, streamId, intent, metadata, options);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
      }
    }
  }

  private async decideAndAppend(
    incidentId: string,
    streamId: string,
    intent: Intent<IncidentCommand>,
    metadata: RequestMetadata,
    options: CommandOptions,
  ): Promise<IncidentCommandResult> {
    const loaded = await loadIncidentStream(this.deps.store, this.deps.catalog, incidentId);
    if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
      // An open on an id already used is a refused transition, not a stale ETag.
      if (intent.type === 'OpenIncident') throw new IllegalTransition(`Incident ${incidentId} is already open`);
      throw new WrongExpectedRevisionError(streamId, options.expectedRevision, loaded.revision);
    }
    if (intent.type !== 'OpenIncident' && loaded.incident.status === 'unopened') throw new IncidentNotFound(incidentId);
    const now = this.clock.now();
    const command = { ...intent, metadata: { now, actor: metadata.actor } } as IncidentCommand;
    const incidentEvents = incidentDecider.decide(command, loaded.incident);
    const states: OpenedIncident[] = [];
    let incident = loaded.incident;
    for (const event of incidentEvents) {
      incident = incidentDecider.evolve(incident, event);
      states.push(incident as OpenedIncident);
    }
    const opened = incident as OpenedIncident;
    if (incidentEvents.length === 0) return { id: incidentId, number: opened.number, revision: loaded.revision, incident: opened, events: [] };
    const sla = await slaConsequences(incidentEvents, states, loaded.sla, loaded.calendarOf, now, this.deps.catalog);
    const toAppend: (IncidentEvent | SlaEvent)[] = [...incidentEvents, ...sla.events];
    const appended = await this.deps.store.appendToStream(
      streamId,
      toAppend.map((event) => ({ type: event.type, data: event.data, metadata, occurredAt: now })),
      { expectedRevision: loaded.revision === -1 ? 'no-stream' : loaded.revision },
    );
    await this.deps.timers.reschedule(incidentId, appended.nextExpectedRevision, pendingSlaDeadlines(sla.state));
    return { id: incidentId, number: opened.number, revision: appended.nextExpectedRevision, incident: opened, events: appended.events };
  }
}
