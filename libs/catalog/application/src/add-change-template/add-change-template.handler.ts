import { Injectable } from '@nestjs/common';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import type { AddChangeTemplateInput } from '../service-stream/service-inputs';
import { ServiceStreams, type ServiceCommandResult } from '../service-stream/service-streams';

/** Adds a change template (standard change steps, possibly pre-approved) to a service. */
@Injectable()
export class AddChangeTemplateHandler {
  constructor(private readonly streams: ServiceStreams) {}

  async execute(serviceId: string, input: AddChangeTemplateInput, metadata: EventMetadata, options?: CommandOptions): Promise<ServiceCommandResult & { templateId: string }> {
    const templateId = newId();
    const { name, steps, preApproved } = input;
    const result = await this.streams.execute(serviceId, { type: 'AddChangeTemplate', data: { templateId, name, steps: [...steps], preApproved } }, metadata, options);
    return { ...result, templateId };
  }
}
