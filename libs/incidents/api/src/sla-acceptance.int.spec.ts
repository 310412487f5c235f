import { incidentStreamId } from '@itsm/contracts';
import { createIncidentReadModels, incidentProjections } from '@itsm/incidents-read-models';
import { call, startIncidentsTestApp, type IncidentsTestApp } from './testing/incidents-test-app';
import { SLA_SCENARIO_CALENDAR, SLA_SCENARIO_TARGETS, slaScenarioTime as at } from './testing/sla-acceptance-scenario';
import { slaAcceptanceTimeline, type SlaScenarioHost } from './testing/sla-acceptance-timeline';

/*
 * The "done when" scenario through the API of incidents alone (the catalog published as its events): the
 * timeline of testing/sla-acceptance-timeline.ts. The same timeline runs on the embedded platform process in
 * apps/platform/src/app/platform-sla-scenario.int.spec.ts, with the catalog set up through its API.
 */
describe('SLA acceptance through the API: P1 opened Friday 16:30 on a 9–17 Berlin calendar, held Monday 10:00–11:30', () => {
  let app: IncidentsTestApp;
  let host: SlaScenarioHost;

  beforeAll(async () => {
    app = await startIncidentsTestApp(createIncidentReadModels, incidentProjections, at('06T16:00'));
    const headers = { authorization: `Bearer ${await app.token(['agent'], 'adam')}` };
    const { serviceId } = await app.publishService(SLA_SCENARIO_CALENDAR, SLA_SCENARIO_TARGETS);
    host = {
      clock: app.clock,
      serviceId,
      post: (path, body = {}) => call(`${app.baseUrl}/api/v1${path}`, { method: 'POST', headers, body }),
      get: (path) => call(`${app.baseUrl}/api/v1${path}`, { headers }),
      runTimers: () => app.runTimers(),
      incidentStream: (incidentId) => app.store.readStream(incidentStreamId(incidentId)),
    };
  });

  afterAll(() => app?.close());

  slaAcceptanceTimeline(() => host);
});
