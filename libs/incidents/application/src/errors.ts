import { RuleViolation } from '@itsm/event-sourcing';
import type { ChangeRef, KnownChange } from './ports/change-directory.port';

/** A command named an incident that does not exist (the API answers 404), also for ids that are not uuids. */
export class IncidentEntityNotFound extends Error {
  override readonly name: string = 'IncidentEntityNotFound';
  constructor(
    readonly entity: 'incident',
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

export class IncidentNotFound extends IncidentEntityNotFound {
  override readonly name = 'IncidentNotFound';
  constructor(id: string) {
    super('incident', id);
  }
}

/** How a change reference reads in messages: `number CHG0000001`, `id …`, or both. */
const changeRefText = (ref: ChangeRef): string =>
  [ref.changeNumber !== undefined ? `number ${ref.changeNumber}` : null, ref.changeId !== undefined ? `id ${ref.changeId}` : null]
    .filter((part) => part !== null)
    .join(' and ');

/** The incidents' copy of changes knows no change by that reference (the API answers 404, nothing is written). */
export class ChangeNotFound extends Error {
  override readonly name = 'ChangeNotFound';
  constructor(readonly ref: ChangeRef) {
    super(`No change with ${changeRefText(ref)}`);
  }
}

/**
 * A link named a change by its id and its number, and they are two changes (or one of them is unknown): refused
 * as a rule violation (409), since which change was meant cannot be told. `byId` / `byNumber`: what the copy
 * knows under each, null when nothing.
 */
export class ChangeReferenceMismatch extends RuleViolation {
  constructor(
    readonly ref: KnownChange,
    readonly byId: KnownChange | null,
    readonly byNumber: KnownChange | null,
  ) {
    super(
      `The change id ${ref.changeId} and the change number ${ref.changeNumber} do not name the same change: ` +
        `${byId ? `${ref.changeId} is ${byId.changeNumber}` : `no change has the id ${ref.changeId}`}, ` +
        `${byNumber ? `${ref.changeNumber} is change ${byNumber.changeId}` : `no change has the number ${ref.changeNumber}`}. ` +
        'Send one of them, or both of the same change',
    );
  }
}
