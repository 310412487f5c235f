import { Inject, Injectable } from '@nestjs/common';
import { ProblemException, readAfter } from '@itsm/platform-kit';
import { isChangeNumber } from './change-ref.params';
import { CHANGES_READ_MODELS, type ChangesReadModelsPort } from './changes-read-models.port';

/**
 * Turns what a caller typed into a change id: an id stays as it is, a number is looked up in the change list (a
 * just-raised change's number is known once the list has its X-Log-Position: send it as X-Wait-For-Position).
 */
@Injectable()
export class ChangeRefs {
  constructor(@Inject(CHANGES_READ_MODELS) private readonly readModels: ChangesReadModelsPort) {}

  async idOf(ref: string, waitForPosition?: number): Promise<string> {
    if (!isChangeNumber(ref)) return ref;
    await readAfter(waitForPosition, (position) => this.readModels.consistency.list(position));
    const id = await this.readModels.changeList.idOfNumber(ref);
    if (id === null) throw new ProblemException({ title: 'Not found', status: 404, detail: `No change with number ${ref}` });
    return id;
  }
}
