import { randomBytes } from 'node:crypto';
import type { LoadRequest } from './run-load';

/** What every case needs from its contender: a token and the ids of services seeded before the clock starts. */
export interface CaseContext {
  token: string;
  serviceIds: readonly string[];
}

export interface HttpCase {
  id: string;
  title: string;
  request(context: CaseContext): LoadRequest;
}

const API = '/api/v1/services';
const json = (context: CaseContext) => ({ authorization: `Bearer ${context.token}`, 'content-type': 'application/json' });

export const serviceBody = (name: string): string =>
  JSON.stringify({ name, kind: 'technical', description: 'bench', ownerGroup: 'bench-owners', supportGroup: 'bench-support' });

export const HTTP_CASES: readonly HttpCase[] = [
  {
    id: 'create',
    title: 'POST /api/v1/services\n(register, unique names)',
    request: (context) => {
      const run = randomBytes(3).toString('hex');
      let sequence = 0;
      return { method: 'POST', path: API, headers: json(context), next: () => ({ body: serviceBody(`bench-${run}-${sequence++}`) }) };
    },
  },
  {
    id: 'read',
    title: 'GET /api/v1/services/:id\n(folded from its stream)',
    request: (context) => {
      let turn = 0;
      return { method: 'GET', path: API, headers: json(context), next: () => ({ path: `${API}/${context.serviceIds[turn++ % context.serviceIds.length]}` }) };
    },
  },
  {
    id: 'list',
    title: 'GET /api/v1/services?limit=20\n(read model, first page)',
    request: (context) => ({ method: 'GET', path: `${API}?limit=20`, headers: json(context) }),
  },
];
