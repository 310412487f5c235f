import { CHANGE_CONFLICT_KINDS, CHANGE_TYPES, type ChangeConflictKind, type ChangeType } from '@itsm/contracts';
import { blockingConflicts, blocks } from './blocking';

const conflict = (kind: ChangeConflictKind) => ({ kind, detail: `a ${kind} conflict`, serviceId: 'svc' });
const every = CHANGE_CONFLICT_KINDS.map(conflict);

describe('blocking conflicts', () => {
  it.each<[ChangeConflictKind, boolean, boolean, boolean]>([
    // kind                          standard normal emergency
    ['service-overlap', true, false, false],
    ['dependent-service-overlap', false, false, false],
    ['freeze-window', true, true, false],
    ['outside-maintenance-window', true, false, false],
    ['major-incident', true, true, false],
    ['implementer-double-booked', true, false, false],
  ])('%s blocks standard: %p, normal: %p, emergency: %p', (kind, standard, normal, emergency) => {
    expect([blocks(kind, 'standard'), blocks(kind, 'normal'), blocks(kind, 'emergency')]).toEqual([standard, normal, emergency]);
  });

  it('lets an emergency change go on through ECAB whatever it conflicts with, an active major incident included', () => {
    expect(blockingConflicts(every, 'emergency')).toEqual([]);
    expect(blockingConflicts([conflict('major-incident')], 'emergency')).toEqual([]);
  });

  it('stops normal and standard changes during the automatic freeze of a major incident', () => {
    for (const type of ['normal', 'standard'] as ChangeType[]) {
      expect(blockingConflicts([conflict('major-incident')], type)).toEqual([conflict('major-incident')]);
    }
  });

  it('keeps the conflicts it is given (and their fields), in their order, dropping those that do not block', () => {
    const given = [conflict('dependent-service-overlap'), conflict('freeze-window'), conflict('service-overlap'), conflict('major-incident')];
    expect(blockingConflicts(given, 'normal')).toEqual([conflict('freeze-window'), conflict('major-incident')]);
  });

  it('never blocks on a kind it does not know', () => {
    for (const type of CHANGE_TYPES) expect(blockingConflicts([{ kind: 'solar-eclipse' }], type)).toEqual([]);
  });

  it('blocks a standard change on every kind a normal change is blocked on', () => {
    for (const kind of CHANGE_CONFLICT_KINDS) if (blocks(kind, 'normal')) expect(blocks(kind, 'standard')).toBe(true);
  });
});
