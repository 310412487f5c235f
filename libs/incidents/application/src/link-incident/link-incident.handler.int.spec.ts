import { incidentStreamId } from '@itsm/contracts';
import { newId, RuleViolation } from '@itsm/event-sourcing';
import { ChangeNotFound, ChangeReferenceMismatch } from '../errors';
import { openIncidentsTestKit, requestMetadata, type IncidentsTestKit } from '../testing/incidents-test-kit';

describe('linking an incident to a change, resolved in the incidents copy of changes (PGlite)', () => {
  let kit: IncidentsTestKit;
  let serviceId: string;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('pglite', '2026-03-02T10:00:00.000Z');
    ({ serviceId } = await kit.publishService());
  });
  afterAll(() => kit.close());

  const open = async () =>
    (
      await kit.handlers.open.execute(
        { callerId: 'caller-1', shortDescription: 'Mail down', description: 'No mail since 9', serviceId, impact: 2, urgency: 2 },
        requestMetadata,
      )
    ).id;
  const eventsOf = async (id: string) => (await kit.store.readStream(incidentStreamId(id))).map((event) => event.type);

  it('takes the change by its number alone, and records its id from the copy', async () => {
    const id = await open();
    const change = await kit.raiseChange();
    const linked = await kit.handlers.link.execute(id, { kind: 'change', changeNumber: change.changeNumber, relation: 'caused-by' }, requestMetadata);
    expect(linked.incident.changeLinks).toEqual([{ changeId: change.changeId, changeNumber: change.changeNumber, relation: 'caused-by' }]);
    expect(linked.events.map((event) => [event.type, event.data])).toEqual([
      ['IncidentLinkedToChange', expect.objectContaining({ changeId: change.changeId, changeNumber: change.changeNumber })],
    ]);
  });

  it('takes the change by its id alone, and records its number from the copy', async () => {
    const id = await open();
    const change = await kit.raiseChange();
    const linked = await kit.handlers.link.execute(id, { kind: 'change', changeId: change.changeId, relation: 'related' }, requestMetadata);
    expect(linked.incident.changeLinks).toEqual([{ changeId: change.changeId, changeNumber: change.changeNumber, relation: 'related' }]);
  });

  it('takes an id and a number of the same change', async () => {
    const id = await open();
    const { changeId, changeNumber } = await kit.raiseChange();
    const linked = await kit.handlers.link.execute(id, { kind: 'change', changeId, changeNumber, relation: 'resolved-by' }, requestMetadata);
    expect(linked.incident.changeLinks).toEqual([{ changeId, changeNumber, relation: 'resolved-by' }]);
  });

  it('refuses an id and a number of two different changes (a rule violation: 409), and writes nothing', async () => {
    const id = await open();
    const [first, second] = [await kit.raiseChange(), await kit.raiseChange()];
    const before = await eventsOf(id);
    const refusal = kit.handlers.link.execute(
      id,
      { kind: 'change', changeId: first.changeId, changeNumber: second.changeNumber, relation: 'related' },
      requestMetadata,
    );
    await expect(refusal).rejects.toBeInstanceOf(ChangeReferenceMismatch);
    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toThrow(
      `The change id ${first.changeId} and the change number ${second.changeNumber} do not name the same change: ` +
        `${first.changeId} is ${first.changeNumber}, ${second.changeNumber} is change ${second.changeId}`,
    );
    expect(await eventsOf(id)).toEqual(before);
  });

  it('refuses a known id with an unknown number as two different changes too', async () => {
    const id = await open();
    const change = await kit.raiseChange();
    const refusal = kit.handlers.link.execute(id, { kind: 'change', changeId: change.changeId, changeNumber: 'CHG9999998', relation: 'related' }, requestMetadata);
    await expect(refusal).rejects.toThrow(`${change.changeId} is ${change.changeNumber}, no change has the number CHG9999998`);
  });

  it('answers an unknown change with ChangeNotFound naming what was asked, and writes nothing', async () => {
    const id = await open();
    const before = await eventsOf(id);
    const byNumber = kit.handlers.link.execute(id, { kind: 'change', changeNumber: 'CHG9999999', relation: 'related' }, requestMetadata);
    await expect(byNumber).rejects.toBeInstanceOf(ChangeNotFound);
    await expect(byNumber).rejects.toThrow('No change with number CHG9999999');
    const unknownId = newId();
    await expect(kit.handlers.link.execute(id, { kind: 'change', changeId: unknownId, relation: 'related' }, requestMetadata)).rejects.toThrow(
      `No change with id ${unknownId}`,
    );
    await expect(
      kit.handlers.link.execute(id, { kind: 'change', changeId: unknownId, changeNumber: 'CHG9999999', relation: 'related' }, requestMetadata),
    ).rejects.toThrow(new ChangeNotFound({ changeId: unknownId, changeNumber: 'CHG9999999' }));
    expect(await eventsOf(id)).toEqual(before);
  });
});
