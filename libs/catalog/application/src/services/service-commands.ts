import { newId, handleCommand, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import type { ServiceDetails, ServiceLifecycle } from '@itsm/contracts';
import { serviceDecider, type RegisteredService, type ServiceCommand } from '@itsm/catalog-domain';
import { handleOptionsFor, type CommandOptions, type RequestMetadata } from '../command-options';
import { InProcessMutex } from '@itsm/event-store';
import { ServiceNotFound } from '../errors';
import { existingOnly } from '../existing-only';
import { loadAggregate, type LoadedAggregate } from '../load-aggregate';
import { systemClock, type Clock } from '../ports/clock.port';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import type { ServiceNumberAllocator } from '../ports/service-number-allocator.port';
import { calendarStreamOf, isUuid, serviceStreamOf } from '../stream-ids';
import type {
  AddChangeTemplateInput,
  AddOfferingInput,
  RegisterServiceInput,
  RetireServiceInput,
  SetCostModelInput,
  UpdateOfferingInput,
  UpdateServiceInput,
} from './service-command.inputs';

type Intent<C> = C extends unknown ? Omit<C, 'metadata'> : never;

export interface ServiceCommandResult {
  id: string;
  number: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  /** The service as the command left it. */
  service: RegisteredService;
  /** Events appended (none when the command changed nothing). */
  events: RecordedEvent[];
}

const DETAIL_FIELDS = ['name', 'kind', 'description', 'ownerGroup', 'supportGroup'] as const;

/** Picks the service's own fields, so nothing else a caller sends ends up in an event. */
const detailsOf = (input: Partial<ServiceDetails>): Partial<ServiceDetails> =>
  Object.fromEntries(DETAIL_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, input[field]]));

/** The service use cases: load the stream, decide, append with the caller's expected revision. */
export class ServiceCommands {
  // Dependency additions run one at a time so that two opposite edges cannot both pass the cycle check.
  private readonly dependencyChanges = new InProcessMutex();

  constructor(
    private readonly store: EventStore,
    private readonly numbers: ServiceNumberAllocator,
    private readonly graph: ServiceDependencyGraph,
    private readonly clock: Clock = systemClock,
  ) {}

  async registerService(input: RegisterServiceInput, metadata: RequestMetadata): Promise<ServiceCommandResult> {
    const serviceId = newId();
    const number = await this.numbers.next();
    const details = detailsOf(input) as ServiceDetails;
    return this.handle(serviceId, { type: 'RegisterService', data: { serviceId, number, ...details } }, metadata);
  }

  updateService(serviceId: string, input: UpdateServiceInput, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(serviceId, { type: 'UpdateService', data: { changes: detailsOf(input) } }, metadata, options);
  }

  takeServiceLive(serviceId: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(serviceId, { type: 'TakeServiceLive', data: {} }, metadata, options);
  }

  retireService(serviceId: string, input: RetireServiceInput, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(serviceId, { type: 'RetireService', data: { reason: input.reason ?? null } }, metadata, options);
  }

  async addOffering(serviceId: string, input: AddOfferingInput, metadata: RequestMetadata, options?: CommandOptions) {
    const offeringId = newId();
    const { name, calendarId, slaTargets } = input;
    const calendarExists = await this.calendarExists(calendarId);
    const data = { offeringId, name, calendarId, default: input.default, slaTargets, calendarExists };
    const result = await this.handle(serviceId, { type: 'AddServiceOffering', data }, metadata, options);
    return { ...result, offeringId };
  }

  async updateOffering(
    serviceId: string,
    offeringId: string,
    input: UpdateOfferingInput,
    metadata: RequestMetadata,
    options?: CommandOptions,
  ) {
    const { name, calendarId, slaTargets } = input;
    const calendarExists = calendarId === undefined ? undefined : await this.calendarExists(calendarId);
    const changes = { name, calendarId, default: input.default, slaTargets };
    return this.handle(serviceId, { type: 'UpdateServiceOffering', data: { offeringId, changes, calendarExists } }, metadata, options);
  }

  removeOffering(serviceId: string, offeringId: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(serviceId, { type: 'RemoveServiceOffering', data: { offeringId } }, metadata, options);
  }

  setCostModel(serviceId: string, input: SetCostModelInput, metadata: RequestMetadata, options?: CommandOptions) {
    const { fixedMonthlyCost, currency, unitRate, unitName } = input;
    const data = { fixedMonthlyCost, currency, unitRate, unitName };
    return this.handle(serviceId, { type: 'SetServiceCostModel', data }, metadata, options);
  }

  async addChangeTemplate(serviceId: string, input: AddChangeTemplateInput, metadata: RequestMetadata, options?: CommandOptions) {
    const templateId = newId();
    const { name, steps, preApproved } = input;
    const data = { templateId, name, steps: [...steps], preApproved };
    const result = await this.handle(serviceId, { type: 'AddChangeTemplate', data }, metadata, options);
    return { ...result, templateId };
  }

  /** Refused when `dependsOnServiceId` already depends on this service, directly or transitively (a cycle). */
  addDependency(serviceId: string, dependsOnServiceId: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.dependencyChanges.run(async () => {
      serviceStreamOf(serviceId);
      const [dependsOnLifecycle, dependentsOfService] = await Promise.all([
        this.lifecycleOf(dependsOnServiceId),
        this.graph.dependentsOf(serviceId),
      ]);
      const data = { dependsOnServiceId, dependsOnLifecycle, dependentsOfService };
      return this.handle(serviceId, { type: 'AddServiceDependency', data }, metadata, options);
    });
  }

  removeDependency(serviceId: string, dependsOnServiceId: string, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(serviceId, { type: 'RemoveServiceDependency', data: { dependsOnServiceId } }, metadata, options);
  }

  /** The service and its revision straight from its stream; throws ServiceNotFound. */
  async load(serviceId: string): Promise<LoadedAggregate<RegisteredService>> {
    const loaded = await loadAggregate(this.store, serviceDecider, serviceStreamOf(serviceId));
    if (loaded.state.status === 'unregistered') throw new ServiceNotFound(serviceId);
    return { state: loaded.state, revision: loaded.revision };
  }

  private async handle(
    serviceId: string,
    intent: Intent<ServiceCommand>,
    metadata: RequestMetadata,
    options?: CommandOptions,
  ): Promise<ServiceCommandResult> {
    const command = { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as ServiceCommand;
    const notFoundHere = existingOnly(serviceDecider, 'RegisterService', () => new ServiceNotFound(serviceId));
    const result = await handleCommand(this.store, notFoundHere, serviceStreamOf(serviceId), command, metadata, handleOptionsFor(options));
    const service = result.state as RegisteredService;
    return { id: serviceId, number: service.number, revision: result.nextExpectedRevision, service, events: result.newEvents };
  }

  private async lifecycleOf(serviceId: string): Promise<ServiceLifecycle | null> {
    if (!isUuid(serviceId)) return null;
    const { state } = await loadAggregate(this.store, serviceDecider, serviceStreamOf(serviceId));
    return state.status === 'registered' ? state.lifecycle : null;
  }

  private async calendarExists(calendarId: string): Promise<boolean> {
    if (!isUuid(calendarId)) return false;
    const events = await this.store.readStream(calendarStreamOf(calendarId), { toRevision: 0 });
    return events.length > 0;
  }
}
