import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { ChangeEditableFields, MaterialChangeField } from '@itsm/contracts';

/** What an approver approves: the change's identity and its material fields. */
export type MaterialContent = Pick<ChangeEditableFields, MaterialChangeField> & { changeId: string };

/**
 * The change's material content as canonical JSON (RFC 8785; services sorted, as their order means nothing): the
 * same content always gives the same string, whatever order the fields were set in.
 */
export const materialContentOf = (change: MaterialContent): string =>
  canonicalize({
    changeId: change.changeId,
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    serviceIds: [...change.serviceIds].sort(),
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
  });

/**
 * sha256 (hex) of `materialContentOf`: what the API shows with a change and an approver's decision sends back as
 * `seenHash`, so a decision on content that has changed since is refused.
 */
export const materialContentHash = (change: MaterialContent): string =>
  createHash('sha256').update(materialContentOf(change)).digest('hex');
