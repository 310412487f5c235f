import { bodyFaults } from './body-faults';
import { credentialFaults } from './credential-faults';
import { fieldFaults } from './field-faults';
import { headerFaults } from './header-faults';
import type { CaseTargets, MalformedCase } from './malformed-case';
import { pathFaults } from './path-faults';
import { queryFaults } from './query-faults';
import { seededFaults } from './seeded-faults';

/** Every generator's cases, by category (systematic first, then seeded combinations). */
export const allFaults = (targets: CaseTargets, jwtSecret: string, seededCount: number): Record<string, MalformedCase[]> => ({
  body: bodyFaults(targets),
  field: fieldFaults(targets),
  path: pathFaults(targets),
  query: queryFaults(targets),
  header: headerFaults(targets),
  credential: credentialFaults(targets, jwtSecret),
  seeded: seededFaults(targets, jwtSecret, seededCount),
});
