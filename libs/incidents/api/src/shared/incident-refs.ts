import { Inject, Injectable } from '@nestjs/common';
import { ProblemException, readAfter } from '@itsm/platform-kit';
import type { IncidentReadModelsPort } from './incident-read-models.port';
import { isIncidentNumber } from './incident-ref.params';
import { INCIDENT_READ_MODELS } from './incidents.tokens';

/**
 * Turns what a caller typed into an incident id: an id stays as it is, a number is looked up in the list read model
 * (a just-opened incident's number is known once the list has its X-Log-Position: send it as X-Wait-For-Position).
 */
@Injectable()
export class IncidentRefs {
  constructor(
    @Inject(INCIDENT_READ_MODELS)
    private readonly readModels: IncidentReadModelsPort,
  ) {}

  async idOf(ref: string, waitForPosition?: number): Promise<string> {
    if (!isIncidentNumber(ref)) return ref;
    await readAfter(waitForPosition, (position) =>
      this.readModels.consistency.list(position),
    );
    const id = await this.readModels.list.idOfNumber(ref);
    if (id === null)
      throw new ProblemException({
        title: 'Not found',
        status: 404,
        detail: `No incident with number ${ref}`,
      });
    return id;
  }
}
