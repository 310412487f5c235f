import { call, startGatewayTestApp, type GatewayTestApp, type JsonAnswer } from '../testing/gateway-test-app';

describe('problem+json answers', () => {
  let gateway: GatewayTestApp;
  let auth: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    gateway = await startGatewayTestApp({ ITSM_BODY_LIMIT: '2kb' });
    auth = { authorization: `Bearer ${await gateway.token(['service-owner'])}` };
    url = `${gateway.baseUrl}/api/v1/probes`;
  });
  afterAll(() => gateway.close());

  const expectProblem = (answer: JsonAnswer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    expect(answer.body.correlationId).toBe(answer.headers.get('x-correlation-id'));
  };

  describe('validation (400 with per-field errors)', () => {
    it('refuses an unknown field by name', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: { name: 'a', size: 1, colour: 'red' } });
      expectProblem(answer, 400);
      expect(answer.body.type).toBe('urn:itsm:problem:validation');
      expect(answer.body.errors).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
    });

    it('names a field of the wrong type', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: { name: 'a', size: 'big' } });
      expectProblem(answer, 400);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['size', 'size', 'size']);
      expect(answer.body.errors[0].message).toMatch(/size/);
    });

    it('names every missing field once, as required, and counts fields in the summary', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: {} });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([
        { field: 'name', message: 'name is required' },
        { field: 'size', message: 'size is required' },
      ]);
      expect(answer.body.detail).toBe('2 invalid fields: name, size');
    });

    it('counts a field with several broken rules once in the summary', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: { name: 'a', size: 'big', colour: 'red' } });
      expect(answer.body.errors).toHaveLength(4);
      expect(answer.body.detail).toBe('2 invalid fields: colour, size');
    });

    it('names nested fields with their path', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: { name: 'a', size: 1, labels: [{ key: 'ok' }, { key: 7, x: 1 }] } });
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'labels[1].x', message: 'property x should not exist' },
          { field: 'labels[1].key', message: 'key must be a string' },
        ]),
      );
    });

    it('refuses unknown query parameters, __proto__ included, on a route that takes none', async () => {
      for (const query of ['unknown=1', '__proto__=x', 'constructor=1']) {
        const answer = await call(`${url}/whoami?${query}`, { headers: auth });
        expectProblem(answer, 400);
        expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:validation', errors: [{ field: query.split('=')[0], message: expect.stringMatching(/should not exist/) }] });
      }
    });

    it('refuses an array where an object is expected', async () => {
      const answer = await call(url, { method: 'POST', headers: auth, body: [1, 2] });
      expectProblem(answer, 400);
      expect(answer.body.errors.length).toBeGreaterThan(0);
    });
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await call(url, { method: 'POST', headers: auth, rawBody: '{"name": "a",' });
    expectProblem(answer, 400);
  });

  it('answers a body over the limit with 413', async () => {
    const answer = await call(url, { method: 'POST', headers: auth, body: { name: 'x'.repeat(4000), size: 1 } });
    expectProblem(answer, 413);
  });

  it('answers a body that is not JSON with 415', async () => {
    const answer = await call(url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, rawBody: 'name=a' });
    expectProblem(answer, 415);
  });

  it('answers an unknown route with 404', async () => {
    expectProblem(await call(`${gateway.baseUrl}/api/v1/nothing-here`, { headers: auth }), 404);
  });

  it('names every problem with a urn:itsm:problem type, never about:blank', async () => {
    const answers = {
      401: await call(`${url}/whoami`),
      403: await call(url, { method: 'POST', headers: { authorization: `Bearer ${await gateway.token(['requester'])}` }, body: { name: 'a', size: 1 } }),
      404: await call(`${gateway.baseUrl}/api/v1/nothing-here`, { headers: auth }),
      413: await call(url, { method: 'POST', headers: auth, body: { name: 'x'.repeat(4000), size: 1 } }),
      415: await call(url, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, rawBody: 'name=a' }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([status, answer]) => [status, answer.body.type]))).toEqual({
      401: 'urn:itsm:problem:unauthorized',
      403: 'urn:itsm:problem:forbidden',
      404: 'urn:itsm:problem:not-found',
      413: 'urn:itsm:problem:payload-too-large',
      415: 'urn:itsm:problem:unsupported-media-type',
    });
  });

  it('answers an illegal transition with 409 and the decider’s reason', async () => {
    const answer = await call(`${url}/refusals`, { method: 'POST', headers: auth, body: { kind: 'illegal-transition' } });
    expectProblem(answer, 409);
    expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:illegal-transition', detail: 'A retired probe cannot be retired again' });
  });

  it('answers a rule violation with 409 and the decider’s reason', async () => {
    const answer = await call(`${url}/refusals`, { method: 'POST', headers: auth, body: { kind: 'rule-violation' } });
    expectProblem(answer, 409);
    expect(answer.body).toMatchObject({ type: 'urn:itsm:problem:rule-violation', detail: 'A probe cannot depend on itself' });
  });

  it('answers an unexpected error with a bare 500 that reveals nothing', async () => {
    const answer = await call(`${url}/boom`, { headers: auth });
    expectProblem(answer, 500);
    expect(JSON.stringify(answer.body)).not.toMatch(/postgres|secret/);
  });
});
