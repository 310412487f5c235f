import { incidentStreamId } from '@itsm/contracts';
import { newId, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createInProcessMessageBus, toCloudEventMessage } from '@itsm/messaging';
import { changesProjections, createChangesReadModels } from '@itsm/changes-read-models';
import { ChangesProcessesHost } from '../../nest/changes-processes.host';
import { changeInput, metadataOf, openChangesTestKit, type ChangesTestKit } from '../../testing/changes-test-kit';

const opened = (incidentId: string, number: string, serviceId: string) => ({
  type: 'IncidentOpened',
  data: {
    incidentId, number, callerId: 'carol', shortDescription: 'Payroll fails', description: 'spec', serviceId, offeringId: null,
    impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: '2030-03-11T08:00:00.000Z',
  },
});
const linked = (incidentId: string, changeId: string, relation = 'caused-by') => ({
  type: 'IncidentLinkedToChange',
  data: { incidentId, changeId, changeNumber: 'CHG0000001', relation, linkedAt: '2030-03-11T09:00:00.000Z' },
});

describe('the caused-incidents process (PGlite, from the log)', () => {
  let kit: ChangesTestKit;
  let service: string;

  beforeAll(async () => {
    kit = await openChangesTestKit({ queries: createChangesReadModels, readModelProjections: changesProjections });
    service = await kit.publishService();
  }, 60_000);
  afterAll(() => kit?.close());

  const raised = async () => (await kit.handlers.raise.execute(changeInput([service]), metadataOf('rita', 'agent'))).id;
  const causedOf = async (changeId: string) => (await kit.streams.load(changeId)).change.causedIncidents;
  const recordedOn = async (changeId: string) =>
    (await kit.store.readStream(`change-${changeId}`)).filter((event) => event.type === 'ChangeCausedIncidentRecorded');

  it('records an incident linked as caused by a change on the change’s stream, once, with the incident’s number', async () => {
    const changeId = await raised();
    const incidentId = newId();
    await kit.append(incidentStreamId(incidentId), [opened(incidentId, 'INC0000042', service), linked(incidentId, changeId)]);

    await kit.settleProcesses();

    expect(await causedOf(changeId)).toEqual([{ incidentId, incidentNumber: 'INC0000042', linkedAt: '2030-03-11T09:00:00.000Z' }]);
    const [recorded] = await recordedOn(changeId);
    expect(recorded).toMatchObject({ data: { incidentId, incidentNumber: 'INC0000042', causedIncidentCount: 1 }, actor: { id: 'change-caused-incidents', role: 'system' } });
  });

  it('changes nothing when the link is delivered again (at-least-once), nor when the process replays it', async () => {
    const changeId = await raised();
    const incidentId = newId();
    await kit.append(incidentStreamId(incidentId), [opened(incidentId, 'INC0000043', service), linked(incidentId, changeId)]);
    await kit.settleProcesses();
    const events = (await kit.store.readStream(incidentStreamId(incidentId))) as RecordedEvent[];

    for (const event of [...events, ...events]) await kit.causedIncidents.handle(event);

    expect(await recordedOn(changeId)).toHaveLength(1);
    expect((await causedOf(changeId)).map((incident) => incident.incidentNumber)).toEqual(['INC0000043']);
  });

  it('leaves links of other relations alone, and skips a link to a change that does not exist', async () => {
    const changeId = await raised();
    const incidentId = newId();
    await kit.append(incidentStreamId(incidentId), [opened(incidentId, 'INC0000044', service), linked(incidentId, changeId, 'related'), linked(incidentId, newId())]);

    await kit.settleProcesses();

    expect(await causedOf(changeId)).toEqual([]);
  });

  it('counts several incidents on one change, and a closed change still takes them', async () => {
    const changeId = await raised();
    await kit.handlers.cancel.execute(changeId, { reason: 'rolled into another change' }, metadataOf('rita', 'agent'));
    const [first, second] = [newId(), newId()];
    await kit.append(incidentStreamId(first), [opened(first, 'INC0000045', service), linked(first, changeId)]);
    await kit.append(incidentStreamId(second), [opened(second, 'INC0000046', service), linked(second, changeId)]);

    await kit.settleProcesses();

    expect((await causedOf(changeId)).map((incident) => incident.incidentNumber)).toEqual(['INC0000045', 'INC0000046']);
  });
});

describe('the caused-incidents process (distributed shape: from the incidents topic through the message bus)', () => {
  let kit: ChangesTestKit;

  beforeAll(async () => {
    kit = await openChangesTestKit({ queries: createChangesReadModels, readModelProjections: changesProjections });
  }, 60_000);
  afterAll(() => kit?.close());

  it('records a caused-by link from `itsm.incidents.events.v1` once, however often the bus delivers it', async () => {
    const service = await kit.publishService();
    const changeId = (await kit.handlers.raise.execute(changeInput([service]), metadataOf('rita', 'agent'))).id;
    const incidentId = newId();
    await kit.append(incidentStreamId(incidentId), [opened(incidentId, 'INC0000099', service), linked(incidentId, changeId)]);
    const events = (await kit.store.readStream(incidentStreamId(incidentId))) as RecordedEvent[];
    const bus = createInProcessMessageBus();
    const host = new ChangesProcessesHost(kit.causedIncidents, { eventsFrom: 'message-bus', topicPrefix: 'spec.' }, kit.store, kit.db, bus);
    await host.onApplicationBootstrap();

    // The relay published the link twice (a retry after a lost acknowledgement): Kafka delivers both.
    await bus.publish([...events, events[1]].map((event) => ({ ...toCloudEventMessage(event), topic: `spec.${toCloudEventMessage(event).topic}` })));
    await waitUntil('the link to reach the change', async () => (await kit.streams.load(changeId)).change.causedIncidents.length > 0, 10_000);
    await new Promise((resume) => setTimeout(resume, 100));
    await host.beforeApplicationShutdown();
    await bus.close();

    const recorded = (await kit.store.readStream(`change-${changeId}`)).filter((event) => event.type === 'ChangeCausedIncidentRecorded');
    expect(recorded.map((event) => (event.data as { incidentNumber: string }).incidentNumber)).toEqual(['INC0000099']);
  });
});
