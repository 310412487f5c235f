import type { IncidentResolvedV1 } from '@itsm/contracts';
import { fold } from '@itsm/event-sourcing';
import type { IncidentEvent } from './events';
import {
  cancelledEvent, childId, childLinked, closedEvent, heldEvent, histories, incidentId, metadata, opened, parentId,
  parentLinked, resolvedEvent,
} from './incident.builders';
import { incidentDecider } from './decide';
import { resolveBecauseParentResolved } from './parent-resolution';

/** The parent's resolution as the process manager receives it. */
const parentResolved = (overrides: Partial<IncidentResolvedV1> = {}): IncidentResolvedV1 =>
  (resolvedEvent({ code: 'solved-workaround', notes: 'Gateway restarted', childIncidentIds: [incidentId], ...overrides }, parentId)
    .data as IncidentResolvedV1);

const child = (...events: IncidentEvent[]) => fold(incidentDecider, events);

describe('resolveBecauseParentResolved', () => {
  it.each([
    ['new', [opened(), parentLinked()]],
    ['assigned', [...histories.assigned, parentLinked()]],
    ['in-progress', [...histories.inProgress, parentLinked()]],
    ['on-hold', [...histories.inProgress, parentLinked(), heldEvent()]],
  ])('resolves a %s child with the parent’s code and notes', (_state, events) => {
    expect(resolveBecauseParentResolved(parentResolved(), child(...events), metadata)).toEqual({
      type: 'ResolveIncidentWithParent',
      data: { parentIncidentId: parentId, code: 'solved-workaround', notes: 'Gateway restarted' },
      metadata,
    });
  });

  it('gives a command the child decider accepts', () => {
    const state = child(...histories.inProgress, parentLinked());
    const command = resolveBecauseParentResolved(parentResolved(), state, metadata);
    if (command === null) throw new Error('expected a command for an open child');
    const events = incidentDecider.decide(command, state);
    expect(events).toEqual([
      resolvedEvent({ code: 'solved-workaround', notes: 'Gateway restarted', resolvedWithParentIncidentId: parentId }),
    ]);
  });

  it.each([
    ['resolved', [...histories.inProgress, parentLinked(), resolvedEvent()]],
    ['closed', [...histories.inProgress, parentLinked(), resolvedEvent(), closedEvent()]],
    ['cancelled', [opened(), parentLinked(), cancelledEvent()]],
  ])('leaves a %s child alone', (_state, events) => {
    expect(resolveBecauseParentResolved(parentResolved(), child(...events), metadata)).toBeNull();
  });

  it('leaves alone an incident that is not a child of that parent', () => {
    expect(resolveBecauseParentResolved(parentResolved(), child(...histories.inProgress), metadata)).toBeNull();
    const otherParent = '0190f3a4-0000-7000-8000-000000001009';
    expect(resolveBecauseParentResolved(parentResolved(), child(opened(), parentLinked(otherParent)), metadata)).toBeNull();
  });

  it('does nothing for an incident never opened', () => {
    expect(resolveBecauseParentResolved(parentResolved(), incidentDecider.initialState(), metadata)).toBeNull();
  });

  it('cascades: the child’s own resolution names its children in turn', () => {
    const state = child(...histories.inProgress, parentLinked(), childLinked(childId));
    const command = resolveBecauseParentResolved(parentResolved(), state, metadata);
    if (command === null) throw new Error('expected a command for an open child');
    const events = incidentDecider.decide(command, state);
    expect((events[0].data as IncidentResolvedV1).childIncidentIds).toEqual([childId]);
  });
});
