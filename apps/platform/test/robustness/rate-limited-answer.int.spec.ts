import { startPlatform, type PlatformUnderTest } from './platform-under-test';
import { problemAnswerFaults } from './problem-answer';
import { createRawClient } from './raw-http';

const LIMIT = 3;

describe('the embedded platform over its rate limit', () => {
  let platform: PlatformUnderTest;

  beforeAll(async () => {
    platform = await startPlatform({ ITSM_RATE_LIMIT: String(LIMIT), ITSM_RATE_LIMIT_WINDOW_SECONDS: '60' });
  }, 60_000);

  afterAll(() => platform?.close());

  it('answers the request over the limit 429 problem+json with Retry-After', async () => {
    const client = createRawClient(platform.baseUrl, 1);
    const headers = { authorization: `Bearer ${await platform.token(['requester'], 'eager-reader')}` };
    const statuses: number[] = [];
    for (let request = 0; request < LIMIT; request++) statuses.push((await client.send({ method: 'GET', path: '/api/v1/services', headers })).status);
    const over = await client.send({ method: 'GET', path: '/api/v1/services', headers });
    client.close();

    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expect(over.status).toBe(429);
    expect(problemAnswerFaults(over)).toEqual([]);
    expect(JSON.parse(over.text)).toMatchObject({ type: 'urn:itsm:problem:rate-limited', status: 429 });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});
