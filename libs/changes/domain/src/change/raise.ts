import { CHANGE_NUMBER_PATTERN, CHANGE_TYPES } from '@itsm/contracts';
import { IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { requireName, requireOneOf } from './change.guards';
import { validFields } from './change-fields';
import type { KnownChangeTemplate, RaiseChange } from './commands';
import type { ChangeEvent } from './events';
import type { Change } from './state';

/** A standard change follows a catalog template; the others have none. */
export const templateFor = (type: string, templateId: unknown): string | null => {
  if (type === 'standard') {
    if (templateId === undefined || templateId === null) throw new RuleViolation('A standard change must name its change template');
    return requireName(templateId, 'The change template');
  }
  if (templateId !== undefined && templateId !== null) {
    throw new RuleViolation(`A ${type} change has no change template: only standard changes follow one`);
  }
  return null;
};

/** A standard change's template must be one the catalog published, pre-approved, for one of the change's services. */
export const checkTemplate = (templateId: string, template: KnownChangeTemplate | null | undefined, serviceIds: readonly string[]): void => {
  if (template === undefined) return;
  if (template === null) throw new RuleViolation(`The change template ${templateId} is not in the catalog`);
  if (!template.preApproved) throw new RuleViolation(`The change template ${templateId} is not pre-approved: raise a normal change`);
  if (!serviceIds.includes(template.serviceId)) {
    throw new RuleViolation(`The change template ${templateId} is for service ${template.serviceId}, which the change does not touch`);
  }
};

export const raise = ({ data, metadata }: RaiseChange, change: Change): ChangeEvent[] => {
  if (change.status === 'raised') throw new IllegalTransition(`Change ${change.number} is already raised`);
  if (!CHANGE_NUMBER_PATTERN.test(data.number)) throw new RuleViolation(`"${data.number}" is not a change number (CHG0000001)`);
  const type = requireOneOf(data.type, CHANGE_TYPES, 'The change type');
  const fields = validFields(data);
  const templateId = templateFor(type, data.templateId);
  if (templateId !== null) checkTemplate(templateId, data.template, fields.serviceIds);
  return [
    {
      type: 'ChangeRaised',
      data: {
        changeId: data.changeId,
        number: data.number,
        type,
        ...fields,
        requesterId: metadata.actor.id,
        templateId,
        state: 'new',
        raisedAt: metadata.now.toISOString(),
      },
    },
  ];
};
