import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { call, startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

/** An identity provider stand-in: serves a JWKS with one RSA and one EC key on 127.0.0.1. */
const startIdentityProvider = async () => {
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sign = (alg: 'RS256' | 'ES256', claims: Record<string, unknown>, options: { issuer?: string; key?: KeyLike } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid: alg === 'RS256' ? 'rsa-1' : 'ec-1' })
      .setSubject('bob')
      .setIssuer(options.issuer ?? 'https://idp.test')
      .setAudience('itsm')
      .setExpirationTime('5m')
      .sign(options.key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    sign,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

describe('authentication and roles', () => {
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
  let gateway: GatewayTestApp;
  let whoami: string;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    const hashedKey = createHash('sha256').update('hashed-key-value').digest('hex');
    gateway = await startGatewayTestApp({
      ITSM_JWT_SECRET: SECRET,
      ITSM_JWKS_URL: idp.url,
      ITSM_JWT_ISSUER: 'https://idp.test',
      ITSM_JWT_AUDIENCE: 'itsm',
      ITSM_API_KEYS: `monitoring:auditor:plain-key-value, deployer:service-owner+agent:sha256:${hashedKey}`,
    });
    whoami = `${gateway.baseUrl}/api/v1/probes/whoami`;
  });
  afterAll(async () => {
    await gateway.close();
    await idp.close();
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('401 without valid credentials', () => {
    it('refuses a request without credentials and says how to authenticate', async () => {
      const answer = await call(whoami);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="itsm"');
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('refuses a token signed with another secret', async () => {
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer('https://idp.test')
        .setAudience('itsm')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters'));
      const answer = await call(whoami, { headers: bearer(forged) });
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toMatch(/signature/);
    });

    it('refuses an expired token', async () => {
      const expired = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuer('https://idp.test')
        .setAudience('itsm')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(new TextEncoder().encode(SECRET));
      const answer = await call(whoami, { headers: bearer(expired) });
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toMatch(/exp/);
    });

    it('refuses a token from another issuer', async () => {
      const answer = await call(whoami, { headers: bearer(await idp.sign('RS256', { roles: ['agent'] }, { issuer: 'https://evil.test' })) });
      expect(answer.status).toBe(401);
    });

    it('refuses an alg=none token and garbage', async () => {
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["admin"]}').toString('base64url')}.`;
      expect((await call(whoami, { headers: bearer(none) })).status).toBe(401);
      expect((await call(whoami, { headers: bearer('not.a.jwt') })).status).toBe(401);
      expect((await call(whoami, { headers: { authorization: 'Basic YWxpY2U6c2VjcmV0' } })).status).toBe(401);
    });

    it('refuses an unknown API key', async () => {
      expect((await call(whoami, { headers: { 'x-api-key': 'guessed' } })).status).toBe(401);
    });

    it('refuses both kinds of credentials at once', async () => {
      const answer = await call(whoami, { headers: { ...bearer(await gateway.token(['agent'])), 'x-api-key': 'plain-key-value' } });
      expect(answer.status).toBe(401);
    });
  });

  describe('403 without the role', () => {
    it('refuses a caller whose roles do not include the route’s', async () => {
      const answer = await call(`${gateway.baseUrl}/api/v1/probes`, {
        method: 'POST',
        headers: bearer(await gateway.token(['requester', 'agent'])),
        body: { name: 'a', size: 1 },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.detail).toBe('This needs one of the roles: service-owner, admin');
    });

    it('ignores roles outside DESIGN §7', async () => {
      const answer = await call(`${gateway.baseUrl}/api/v1/probes`, {
        method: 'POST',
        headers: bearer(await gateway.token(['root' as never])),
        body: { name: 'a', size: 1 },
      });
      expect(answer.status).toBe(403);
    });
  });

  describe('accepted credentials become the actor', () => {
    it('reads an HS256 token', async () => {
      const answer = await call(whoami, { headers: bearer(await gateway.token(['agent'], 'alice')) });
      expect(answer.status).toBe(200);
      expect(answer.body.actor).toEqual({ id: 'alice', role: 'agent', via: 'bearer' });
    });

    it('reads RS256 and ES256 tokens with keys from the JWKS URL', async () => {
      for (const alg of ['RS256', 'ES256'] as const) {
        const answer = await call(whoami, { headers: bearer(await idp.sign(alg, { name: 'Bob', roles: ['cab-member'] })) });
        expect(answer.status).toBe(200);
        expect(answer.body.actor).toEqual({ id: 'bob', role: 'cab-member', via: 'bearer' });
      }
    });

    it('reads an API key, plain or configured as a sha256 digest', async () => {
      const plain = await call(whoami, { headers: { 'x-api-key': 'plain-key-value' } });
      expect(plain.body.actor).toEqual({ id: 'monitoring', role: 'auditor', via: 'api-key' });
      const hashed = await call(whoami, { headers: { 'x-api-key': 'hashed-key-value' } });
      expect(hashed.body.actor).toEqual({ id: 'deployer', role: 'service-owner', via: 'api-key' });
    });

    it('records the role that let the request through', async () => {
      const answer = await call(`${gateway.baseUrl}/api/v1/probes`, {
        method: 'POST',
        headers: bearer(await gateway.token(['agent', 'admin'], 'carol')),
        body: { name: 'a', size: 1 },
      });
      expect(answer.status).toBe(201);
      expect(answer.body.metadata.actor).toEqual({ id: 'carol', role: 'admin', via: 'bearer' });
    });

    it('lets anyone call a public route', async () => {
      expect((await call(`${gateway.baseUrl}/api/v1/probes/open`)).status).toBe(200);
    });
  });
});
