import { CHANGE_TYPES, type ChangeEditableFields, type MaterialChangeField } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { approvalRequested, givenApprovalsOf, pendingApprovalsOf } from './approval-stages';
import { inStates, requireOneOf } from './change.guards';
import { changedFields, isMaterial, pick, requireWindow, validPatch } from './change-fields';
import type { SwitchChangeType, UpdateChange } from './commands';
import type { ChangeEvent } from './events';
import { checkTemplate, templateFor } from './raise';
import type { Change, RaisedChange } from './state';

/** Edits are allowed until implementation starts. */
const EDITABLE = ['new', 'assess', 'authorize', 'scheduled'] as const;

/** A standard change is pre-approved as its template says: of its material fields only the schedule may move. */
const STANDARD_MATERIAL_EDITS: readonly MaterialChangeField[] = ['plannedStart', 'plannedEnd'];

/** Approvals are in play while stages are pending (authorize) or once given (scheduled). */
const approvalsInPlay = (change: RaisedChange): boolean => change.state === 'authorize' || change.state === 'scheduled';

/**
 * A material edit while approvals are in play lapses them: a normal change is assessed again (back to `assess`), an
 * emergency one goes straight back to its ECAB stages in a new round.
 */
const lapse = (change: RaisedChange, fields: MaterialChangeField[], at: Date): ChangeEvent[] => {
  const state = change.type === 'emergency' ? 'authorize' : 'assess';
  const lapsed: ChangeEvent = {
    type: 'ChangeApprovalsLapsed',
    data: {
      changeId: change.changeId,
      round: change.approval?.round ?? 0,
      reason: 'material-change',
      fields,
      lapsedApprovals: givenApprovalsOf(change.approval),
      pendingApprovals: pendingApprovalsOf(change.approval),
      previousState: change.state as 'authorize' | 'scheduled',
      state,
      lapsedAt: at.toISOString(),
    },
  };
  if (change.type !== 'emergency' || change.approval === null) return [lapsed];
  return [lapsed, approvalRequested({ ...change, state }, change.approval.stages, at)];
};

export const update = ({ data, metadata }: UpdateChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, EDITABLE, 'be edited');
  const patch = validPatch(data);
  const fields = changedFields(change, patch);
  if (fields.length === 0) return [];
  requireWindow({ ...change, ...patch });
  const materialFields = fields.filter(isMaterial);
  if (change.type === 'standard') {
    const offTemplate = materialFields.filter((field) => !STANDARD_MATERIAL_EDITS.includes(field));
    if (offTemplate.length > 0) {
      throw new RuleViolation(
        `Change ${change.number} is a standard change: it follows its template, so only its schedule can change (not ${offTemplate.join(', ')})`,
      );
    }
  }
  const assessed = change.type !== 'standard';
  const updated: ChangeEvent = {
    type: 'ChangeUpdated',
    data: {
      changeId: change.changeId,
      changes: pick(patch as ChangeEditableFields, fields),
      previous: pick(change, fields),
      materialFields,
      riskAssessmentDue: assessed && (change.riskAssessmentDue || materialFields.length > 0),
      state: change.state,
      updatedAt: metadata.now.toISOString(),
    },
  };
  const lapses = assessed && materialFields.length > 0 && approvalsInPlay(change);
  return lapses ? [updated, ...lapse(change, materialFields, metadata.now)] : [updated];
};

export const switchType = ({ data, metadata }: SwitchChangeType, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['new'], 'change its type');
  const to = requireOneOf(data.type, CHANGE_TYPES, 'The change type');
  const templateId = templateFor(to, data.templateId);
  if (to === change.type && templateId === change.templateId) return [];
  // A standard change is pre-approved by its template: the same check as when one is raised standard.
  if (templateId !== null) checkTemplate(templateId, data.template, change.serviceIds);
  // Decisions were made on the change as its type framed it: retyping it afterwards would rewrite that history.
  if (change.approvalEverRecorded) {
    throw new RuleViolation(`Change ${change.number} has had approval decisions: its type can no longer change`);
  }
  return [
    {
      type: 'ChangeTypeChanged',
      data: {
        changeId: change.changeId,
        from: change.type,
        to,
        templateId,
        previousTemplateId: change.templateId,
        riskAssessmentDue: to !== 'standard' && (change.risk === null || change.riskAssessmentDue),
        changedAt: metadata.now.toISOString(),
      },
    },
  ];
};

