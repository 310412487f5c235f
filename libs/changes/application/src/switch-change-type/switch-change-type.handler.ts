import { Inject, Injectable } from '@nestjs/common';
import type { ChangeType } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { KnownChangeTemplate } from '@itsm/changes-domain';
import { ChangeStreams, type ChangeCommandOptions, type ChangeCommandResult } from '../change-stream/change-streams';
import { CHANGE_CATALOG } from '../nest/changes-application.tokens';
import type { ChangeCatalog } from '../ports/change-catalog.port';

/**
 * Switches the type of a new change nobody ever decided on; a standard change names its template, which the decider
 * checks against what the catalog copy knows of it (published, pre-approved, for one of the change's services), as
 * for a change raised standard.
 */
@Injectable()
export class SwitchChangeTypeHandler {
  constructor(
    private readonly streams: ChangeStreams,
    @Inject(CHANGE_CATALOG) private readonly catalog?: Pick<ChangeCatalog, 'template'>,
  ) {}

  async execute(changeId: string, input: { type: ChangeType; templateId?: string | null }, metadata: EventMetadata, options?: ChangeCommandOptions): Promise<ChangeCommandResult> {
    const template = await this.templateOf(input);
    return this.streams.execute(
      changeId,
      { type: 'SwitchChangeType', data: { type: input.type, templateId: input.templateId ?? null, ...(template === undefined ? {} : { template }) } },
      metadata,
      options,
    );
  }

  /** The catalog copy's record of the template of a switch to standard (null: unknown); undefined when there is none to check. */
  private async templateOf(input: { type: ChangeType; templateId?: string | null }): Promise<KnownChangeTemplate | null | undefined> {
    if (!this.catalog || input.type !== 'standard' || typeof input.templateId !== 'string' || input.templateId.trim() === '') return undefined;
    const template = await this.catalog.template(input.templateId.trim());
    return template && { serviceId: template.serviceId, preApproved: template.preApproved };
  }
}
