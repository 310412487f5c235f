import { createHmac } from 'node:crypto';
import { CATALOG_ROUTES, bodyOf, seededPath } from './catalog-routes';
import { JSON_TYPE, type CaseTargets, type MalformedCase } from './malformed-case';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT with any header and claims, signed (HS256-style) with `secret`, or unsigned. */
export const forgeJwt = (header: Record<string, unknown>, claims: Record<string, unknown>, secret?: string): string => {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  const signature = secret ? createHmac(header['alg'] === 'HS512' ? 'sha512' : 'sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
};

const now = () => Math.floor(Date.now() / 1000);

/** Authorization values that must be 401: absent, malformed, forged, expired, unsigned, foreign algorithms. */
export const badAuthorizations = (targets: CaseTargets, secret: string): [string, Record<string, string>][] => {
  const admin = { sub: 'mallory', roles: ['admin'], iat: now(), exp: now() + 3600 };
  const [header, , signature] = targets.tokens.requester.split('.');
  return [
    ['no credentials', {}],
    ['Bearer without a token', { authorization: 'Bearer' }],
    ['Bearer and a space', { authorization: 'Bearer ' }],
    ['garbage token', { authorization: 'Bearer garbage' }],
    ['token of spaces and symbols', { authorization: 'Bearer a$b%c' }],
    ['Basic credentials', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a token without scheme', { authorization: targets.tokens.admin }],
    ['two tokens', { authorization: `Bearer ${targets.tokens.admin} ${targets.tokens.admin}` }],
    ['wrong signature', { authorization: `Bearer ${forgeJwt({ alg: 'HS256', typ: 'JWT' }, admin, 'some-other-secret-of-at-least-32-chars')}` }],
    ['alg none', { authorization: `Bearer ${forgeJwt({ alg: 'none', typ: 'JWT' }, admin)}` }],
    ['alg None with a signature', { authorization: `Bearer ${forgeJwt({ alg: 'None' }, admin, secret)}` }],
    ['HS512 with the right secret', { authorization: `Bearer ${forgeJwt({ alg: 'HS512' }, admin, secret)}` }],
    ['RS256 header on an HMAC', { authorization: `Bearer ${forgeJwt({ alg: 'RS256' }, admin, secret)}` }],
    ['expired', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { ...admin, iat: now() - 7200, exp: now() - 3600 }, secret)}` }],
    ['not yet valid', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { ...admin, nbf: now() + 3600 }, secret)}` }],
    ['without exp', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { sub: 'mallory', roles: ['admin'] }, secret)}` }],
    ['without sub', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { roles: ['admin'], exp: now() + 3600 }, secret)}` }],
    ['sub a number', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { ...admin, sub: 42 }, secret)}` }],
    ['sub too long', { authorization: `Bearer ${forgeJwt({ alg: 'HS256' }, { ...admin, sub: 's'.repeat(201) }, secret)}` }],
    ['claims not JSON', { authorization: `Bearer ${header}.${Buffer.from('not json').toString('base64url')}.${signature}` }],
    ['payload swapped to admin', { authorization: `Bearer ${header}.${base64url({ ...admin, sub: 'requester' })}.${signature}` }],
    ['truncated signature', { authorization: `Bearer ${targets.tokens.admin.slice(0, -5)}` }],
    ['unknown API key', { 'x-api-key': 'no-such-key' }],
    ['empty API key', { 'x-api-key': '' }],
    ['token and API key together', { authorization: `Bearer ${targets.tokens.admin}`, 'x-api-key': 'no-such-key' }],
  ];
};

/** Valid tokens whose roles do not allow catalog writes: 403. */
const readerTokens = (targets: CaseTargets, secret: string): [string, string][] => [
  ['requester', targets.tokens.requester],
  ['no roles', forgeJwt({ alg: 'HS256' }, { sub: 'nobody', roles: [], exp: now() + 3600 }, secret)],
  ['roles not a list', forgeJwt({ alg: 'HS256' }, { sub: 'nobody', roles: 'admin', exp: now() + 3600 }, secret)],
  ['unknown role superuser', forgeJwt({ alg: 'HS256' }, { sub: 'nobody', roles: ['superuser', 'ADMIN'], exp: now() + 3600 }, secret)],
  ['auditor', forgeJwt({ alg: 'HS256' }, { sub: 'audit', roles: ['auditor', 'finance', 'agent'], exp: now() + 3600 }, secret)],
];

/** Every route with every bad credential (401), and every write with every role that may not write (403). */
export const credentialFaults = (targets: CaseTargets, secret: string): MalformedCase[] =>
  CATALOG_ROUTES.flatMap((route) => {
    const body = bodyOf(route, targets);
    const contentType: Record<string, string> = body ? { 'content-type': JSON_TYPE } : {};
    const request = { method: route.method, path: seededPath(route, targets), body };
    return [
      ...badAuthorizations(targets, secret).map(([label, headers]) => ({
        ...request,
        name: `${route.name}: ${label}`,
        headers: { ...contentType, ...headers },
        expect: [401],
      })),
      ...(route.write
        ? readerTokens(targets, secret).map(([label, token]) => ({
            ...request,
            name: `${route.name}: role ${label}`,
            headers: { ...contentType, authorization: `Bearer ${token}` },
            expect: [403],
          }))
        : []),
    ];
  });
