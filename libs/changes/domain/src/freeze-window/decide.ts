import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { requireName, requireText, requireTime } from '../change/change.guards';
import type { DeclareFreezeWindow, FreezeWindowCommand, LiftFreezeWindow } from './commands';
import type { FreezeWindowEvent } from './events';
import { evolve, initialState, type DeclaredFreezeWindow, type FreezeWindow } from './state';

/** Longest name of a freeze window. */
export const FREEZE_WINDOW_NAME_MAX_LENGTH = 200;
/** Longest reason (of declaring or of lifting). */
export const FREEZE_WINDOW_REASON_MAX_LENGTH = 2000;
/** At most this many services named in one freeze window (more: freeze every service). */
export const FREEZE_WINDOW_MAX_SERVICES = 500;

export const decide = (command: FreezeWindowCommand, state: FreezeWindow): FreezeWindowEvent[] => {
  switch (command.type) {
    case 'DeclareFreezeWindow': return declare(command, state);
    case 'LiftFreezeWindow': return lift(command, state);
    default: return assertNever(command);
  }
};

export const freezeWindowDecider: Decider<FreezeWindowCommand, FreezeWindow, FreezeWindowEvent> = { decide, evolve, initialState };

const declare = ({ data, metadata }: DeclareFreezeWindow, state: FreezeWindow): FreezeWindowEvent[] => {
  if (state.status !== 'absent') throw new IllegalTransition(`Freeze window ${state.freezeWindowId} is already declared`);
  const name = requireName(data.name, 'The name', FREEZE_WINDOW_NAME_MAX_LENGTH);
  const reason = requireText(data.reason, 'The reason', FREEZE_WINDOW_REASON_MAX_LENGTH);
  const from = requireTime(data.from, 'The start (from)');
  const to = requireTime(data.to, 'The end (to)');
  if (Date.parse(from) >= Date.parse(to)) throw new RuleViolation(`The freeze window must end after it starts (from ${from}, to ${to})`);
  if (Date.parse(to) <= metadata.now.getTime()) throw new RuleViolation(`The freeze window has ended already (to ${to})`);
  const serviceIds = frozenServices(data.serviceIds, data.knownServiceIds);
  return [
    {
      type: 'FreezeWindowDeclared',
      data: { freezeWindowId: data.freezeWindowId, name, reason, from, to, serviceIds, declaredAt: metadata.now.toISOString() },
    },
  ];
};

/** null (left out) freezes every service; a list names at least one service the catalog knows, each once. */
const frozenServices = (serviceIds: readonly string[] | null | undefined, known: readonly string[]): string[] | null => {
  if (serviceIds === undefined || serviceIds === null) return null;
  if (!Array.isArray(serviceIds)) throw new RuleViolation('The services must be a list');
  if (serviceIds.length === 0) throw new RuleViolation('Name at least one service, or leave the services out to freeze every service');
  if (serviceIds.length > FREEZE_WINDOW_MAX_SERVICES) {
    throw new RuleViolation(`A freeze window names at most ${FREEZE_WINDOW_MAX_SERVICES} services (leave them out to freeze every service)`);
  }
  const duplicate = serviceIds.find((serviceId, index) => serviceIds.indexOf(serviceId) !== index);
  if (duplicate !== undefined) throw new RuleViolation(`Service ${duplicate} is named more than once`);
  const unknown = serviceIds.filter((serviceId) => !known.includes(serviceId));
  if (unknown.length > 0) throw new RuleViolation(`Not in the catalog: service ${unknown.join(', ')}`);
  return [...serviceIds];
};

const lift = ({ data, metadata }: LiftFreezeWindow, state: FreezeWindow): FreezeWindowEvent[] => {
  const window = declared(state);
  if (window.status === 'lifted') throw new IllegalTransition(`Freeze window "${window.name}" was lifted already`);
  const now = metadata.now.getTime();
  if (Date.parse(window.to) <= now) throw new IllegalTransition(`Freeze window "${window.name}" has ended already (${window.to})`);
  const reason = requireText(data.reason, 'The reason', FREEZE_WINDOW_REASON_MAX_LENGTH);
  return [
    {
      type: 'FreezeWindowLifted',
      data: { freezeWindowId: window.freezeWindowId, reason, wasInForce: Date.parse(window.from) <= now, liftedAt: metadata.now.toISOString() },
    },
  ];
};

const declared = (state: FreezeWindow): DeclaredFreezeWindow => {
  if (state.status === 'absent') throw new IllegalTransition('The freeze window has not been declared');
  return state;
};
