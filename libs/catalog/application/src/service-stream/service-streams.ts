import { AggregateStreams, type AggregateCommandResult, type EventMetadata, type LoadedAggregate, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import type { ServiceLifecycle } from '@itsm/contracts';
import { serviceDecider, type RegisteredService, type Service, type ServiceCommand, type ServiceEvent } from '@itsm/catalog-domain';
import type { CommandOptions } from '../command-options';
import { ServiceNotFound } from '../errors';
import type { Clock } from '../ports/clock.port';
import { isUuid, serviceStreamOf } from '../stream-ids';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/** A service command without the metadata the application adds (`now`, `actor`). */
export type ServiceIntent = WithoutMetadata<ServiceCommand>;

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

/** How every service use case reaches a service's stream: the service decider through the kernel's write pipeline. */
export class ServiceStreams {
  private readonly streams: AggregateStreams<ServiceCommand, Service, ServiceEvent>;

  constructor(
    pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {
    this.streams = new AggregateStreams({
      pipeline,
      decider: serviceDecider,
      streamOf: serviceStreamOf,
      creatingCommand: 'RegisterService',
      notFound: (id) => new ServiceNotFound(id),
    });
  }

  /** The service and its revision straight from its stream; throws ServiceNotFound. */
  async load(serviceId: string): Promise<LoadedAggregate<RegisteredService>> {
    const { state, revision } = await this.streams.load(serviceId);
    return { state: state as RegisteredService, revision };
  }

  /** The lifecycle of a service another one refers to; null when there is no such service. */
  async lifecycleOf(serviceId: string): Promise<ServiceLifecycle | null> {
    if (!isUuid(serviceId)) return null;
    const { state } = await this.streams.loadEvenIfAbsent(serviceId);
    return state.status === 'registered' ? state.lifecycle : null;
  }

  /** Registers a service under an id just drawn (`newId()`): its stream cannot exist, so it is not read first. */
  async create(serviceId: string, intent: Extract<ServiceIntent, { type: 'RegisterService' }>, metadata: EventMetadata): Promise<ServiceCommandResult> {
    return this.resultOf(serviceId, await this.streams.create(serviceId, this.commandOf(intent, metadata), { metadata }));
  }

  async execute(serviceId: string, intent: ServiceIntent, metadata: EventMetadata, options: CommandOptions = {}): Promise<ServiceCommandResult> {
    const result = await this.streams.execute(serviceId, this.commandOf(intent, metadata), { metadata, expectedRevision: options.expectedRevision });
    return this.resultOf(serviceId, result);
  }

  private commandOf(intent: ServiceIntent, metadata: EventMetadata): ServiceCommand {
    return { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as ServiceCommand;
  }

  private resultOf(serviceId: string, result: AggregateCommandResult<Service>): ServiceCommandResult {
    const service = result.state as RegisteredService;
    return { id: serviceId, number: service.number, revision: result.revision, service, events: result.events };
  }
}
