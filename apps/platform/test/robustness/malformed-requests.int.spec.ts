import type { RecordedEvent } from '@itsm/event-sourcing';
import { allFaults } from './cases/all-faults';
import { CATALOG_ROUTES, seededPath, validCalendar, validService } from './cases/catalog-routes';
import type { CaseTargets, MalformedCase } from './cases/malformed-case';
import { sendJson, SPEC_JWT_SECRET, startPlatform, type PlatformUnderTest } from './platform-under-test';
import { problemAnswerFaults } from './problem-answer';
import { createRawClient, mapBounded, type RawAnswer } from './raw-http';

const CONCURRENCY = 16;
const SEEDED_COMBINATIONS = 600;

interface Outcome {
  fault: MalformedCase;
  category: string;
  answer?: RawAnswer;
  error?: string;
}

describe('the embedded platform under malformed requests', () => {
  let platform: PlatformUnderTest;
  let targets: CaseTargets;
  let logBefore: RecordedEvent[];
  let logAfter: RecordedEvent[];
  let outcomes: Outcome[];

  /** Sends every write route's valid request once, on resources of its own: the cases' baselines are valid. */
  const proveBaselinesValid = async (adminToken: string, calendarId: string): Promise<void> => {
    const create = async () => (await sendJson(platform.baseUrl, adminToken, 'POST', '/api/v1/services', validService())).body!['id'] as string;
    const proof: CaseTargets = { ...targets, serviceId: await create(), otherServiceId: await create(), calendarId };
    const order = ['register service', 'create calendar', 'update service', 'add offering', 'set cost model', 'add change template', 'add dependency', 'remove dependency', 'take live', 'retire'];
    for (const name of order) {
      const route = CATALOG_ROUTES.find((candidate) => candidate.name === name)!;
      const answer = await sendJson(platform.baseUrl, adminToken, route.method, seededPath(route, proof), route.body?.(proof));
      if (answer.status >= 300) throw new Error(`The baseline of "${name}" is not valid: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    expect(CATALOG_ROUTES.filter((route) => route.write).map((route) => route.name).sort()).toEqual([...order].sort());
  };

  beforeAll(async () => {
    platform = await startPlatform({ ITSM_RATE_LIMIT: '0' });
    const adminToken = await platform.token(['admin']);
    const calendar = await sendJson(platform.baseUrl, adminToken, 'POST', '/api/v1/calendars', validCalendar());
    const service = await sendJson(platform.baseUrl, adminToken, 'POST', '/api/v1/services', validService());
    const other = await sendJson(platform.baseUrl, adminToken, 'POST', '/api/v1/services', { ...validService(), name: 'Other robust service' });
    targets = {
      serviceId: service.body!['id'] as string,
      otherServiceId: other.body!['id'] as string,
      calendarId: calendar.body!['id'] as string,
      tokens: { admin: adminToken, serviceOwner: await platform.token(['service-owner']), requester: await platform.token(['requester'], 'requester') },
    };
    await proveBaselinesValid(adminToken, targets.calendarId);

    logBefore = await platform.readWholeLog();
    const started = Date.now();
    const client = createRawClient(platform.baseUrl, CONCURRENCY);
    const cases = Object.entries(allFaults(targets, SPEC_JWT_SECRET, SEEDED_COMBINATIONS)).flatMap(([category, faults]) =>
      faults.map((fault) => ({ category, fault })),
    );
    outcomes = await mapBounded(cases, CONCURRENCY, async ({ category, fault }): Promise<Outcome> => {
      try {
        return { category, fault, answer: await client.send(fault) };
      } catch (error) {
        return { category, fault, error: error instanceof Error ? error.message : String(error) };
      }
    });
    client.close();
    process.stderr.write(`robustness: ${outcomes.length} malformed requests in ${Date.now() - started} ms\n`);
    logAfter = await platform.readWholeLog();
  }, 120_000);

  afterAll(() => platform?.close());

  const describeOutcome = ({ fault, answer, error }: Outcome) =>
    `${fault.method} ${fault.path.slice(0, 80)} [${fault.name}] → ${answer ? `${answer.status} ${answer.text.slice(0, 160)}` : error}`;

  it('sends at least 2,000 malformed requests, from every category', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(2_000);
    const perCategory = Object.fromEntries(['body', 'field', 'path', 'query', 'header', 'credential', 'seeded'].map((category) => [category, 0]));
    for (const { category } of outcomes) perCategory[category] += 1;
    for (const count of Object.values(perCategory)) expect(count).toBeGreaterThanOrEqual(50);
  });

  it('gets an answer to every request (no dropped connection)', () => {
    expect(outcomes.filter((outcome) => !outcome.answer).map(describeOutcome)).toEqual([]);
  });

  it('answers every one with a 4xx problem+json whose type, title and status match', () => {
    const faulty = outcomes.filter((outcome) => outcome.answer && problemAnswerFaults(outcome.answer).length > 0);
    expect(faulty.map((outcome) => `${problemAnswerFaults(outcome.answer!).join(', ')}: ${describeOutcome(outcome)}`)).toEqual([]);
  });

  it('answers each fault with the status that names it (400, 401, 403, 404, 412, 413, 415)', () => {
    const unexpected = outcomes.filter((outcome) => outcome.answer && !outcome.fault.expect.includes(outcome.answer.status));
    expect(unexpected.map((outcome) => `expected ${outcome.fault.expect.join('|')}: ${describeOutcome(outcome)}`)).toEqual([]);
  });

  it('leaves the event log exactly as it was before the barrage', () => {
    expect(logBefore.length).toBeGreaterThan(0);
    expect(logAfter.map((event) => event.hash)).toEqual(logBefore.map((event) => event.hash));
    expect(logAfter.at(-1)?.globalPosition).toBe(logBefore.at(-1)?.globalPosition);
  });

  it('leaves the targeted service at its first revision', async () => {
    const answer = await sendJson(platform.baseUrl, targets.tokens.admin, 'GET', `/api/v1/services/${targets.serviceId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBe('"0"');
    expect(answer.body).toMatchObject({ name: 'Robust service', lifecycle: 'pipeline', offerings: [], costModel: null, dependsOn: [] });
  });
});
