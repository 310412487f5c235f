import { changeStreamId } from '@itsm/contracts';
import { newId } from '@itsm/event-sourcing';
import { liveTablesOf } from '@itsm/projections';
import { ChangeNotFound } from '../../errors';
import { changeRaised, openIncidentsTestKit, type IncidentsTestKit } from '../../testing/incidents-test-kit';
import { incidentsChangesProjection } from './incidents-changes.projection';

describe.each(['pglite', 'postgres'] as const)('the incidents copy of changes (from ChangeRaised, on %s)', (on) => {
  let kit: IncidentsTestKit;
  beforeAll(async () => {
    kit = await openIncidentsTestKit(on, '2026-03-02T10:00:00.000Z');
  }, 60_000);
  afterAll(() => kit?.close());

  const rowsOf = (changeId: string) =>
    kit.db.query(`SELECT change_id, number FROM ${liveTablesOf(incidentsChangesProjection, kit.readModelSchema).incidents_changes} WHERE change_id = $1`, [
      changeId,
    ]);

  it('finds a raised change by its number, by its id, and by both', async () => {
    const { changeId, changeNumber } = await kit.raiseChange();
    const known = { changeId, changeNumber };
    expect(await kit.changes.changeOf({ changeNumber })).toEqual(known);
    expect(await kit.changes.changeOf({ changeId })).toEqual(known);
    expect(await kit.changes.changeOf({ changeId, changeNumber })).toEqual(known);
  });

  it('knows no change it was never told of, nor an id and a number of two different changes', async () => {
    const first = await kit.raiseChange();
    const second = await kit.raiseChange();
    await expect(kit.changes.changeOf({ changeNumber: 'CHG9999999' })).rejects.toThrow(new ChangeNotFound({ changeNumber: 'CHG9999999' }));
    await expect(kit.changes.changeOf({ changeNumber: 'CHG9999999' })).rejects.toThrow('No change with number CHG9999999');
    await expect(kit.changes.changeOf({ changeId: newId() })).rejects.toBeInstanceOf(ChangeNotFound);
    await expect(kit.changes.changeOf({ changeId: first.changeId, changeNumber: second.changeNumber })).rejects.toBeInstanceOf(ChangeNotFound);
  });

  it('keeps one row per change: catching up again, or the same event delivered twice (Kafka), adds nothing', async () => {
    const { changeId, changeNumber } = await kit.raiseChange();
    await kit.syncCatalog();
    const [raised] = await kit.store.readStream(changeStreamId(changeId));
    await incidentsChangesProjection.apply(kit.db, raised, liveTablesOf(incidentsChangesProjection, kit.readModelSchema));
    expect(await rowsOf(changeId)).toEqual([{ change_id: changeId, number: changeNumber }]);
  });

  it('refuses a number that already names another change, rather than guess which change it names', async () => {
    const { changeNumber } = await kit.raiseChange();
    const impostor = newId();
    const tables = liveTablesOf(incidentsChangesProjection, kit.readModelSchema);
    const [raised] = await kit.store.readStream(changeStreamId((await kit.changes.changeOf({ changeNumber })).changeId));
    const again = { ...raised, streamId: changeStreamId(impostor), data: changeRaised(impostor, changeNumber) };
    await expect(incidentsChangesProjection.apply(kit.db, again, tables)).rejects.toThrow(/unique|duplicate/i);
    expect(await rowsOf(impostor)).toEqual([]);
  });
});
