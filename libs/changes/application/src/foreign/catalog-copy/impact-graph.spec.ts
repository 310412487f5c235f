import { serviceRelationsOf, type DependencyEdge } from './impact-graph';

// web → app → db → storage; reports → db; app → auth
const edges: DependencyEdge[] = [
  { serviceId: 'web', dependsOnServiceId: 'app' },
  { serviceId: 'app', dependsOnServiceId: 'db' },
  { serviceId: 'db', dependsOnServiceId: 'storage' },
  { serviceId: 'reports', dependsOnServiceId: 'db' },
  { serviceId: 'app', dependsOnServiceId: 'auth' },
];

const relationsOf = (roots: string[]) =>
  serviceRelationsOf(roots, edges).map(({ serviceId, of, relation, hops }) => `${of} ${relation} ${serviceId} ${hops}`);

describe('serviceRelationsOf (the transitive impact graph)', () => {
  it('finds every service a service depends on and every one that depends on it, with the fewest hops', () => {
    expect(relationsOf(['db'])).toEqual(['db dependency storage 1', 'db dependent app 1', 'db dependent reports 1', 'db dependent web 2']);
    expect(relationsOf(['web'])).toEqual(['web dependency app 1', 'web dependency db 2', 'web dependency auth 2', 'web dependency storage 3']);
  });

  it('relates a service to nothing when it has no edges, and never to itself', () => {
    expect(relationsOf(['lonely'])).toEqual([]);
    expect(serviceRelationsOf(['app'], edges).some((relation) => relation.serviceId === 'app')).toBe(false);
  });

  it('gives each root its own relations, once per root even when named twice', () => {
    expect(relationsOf(['storage', 'auth', 'storage'])).toEqual([
      'storage dependent db 1',
      'storage dependent app 2',
      'storage dependent reports 2',
      'storage dependent web 3',
      'auth dependent app 1',
      'auth dependent web 2',
    ]);
  });

  it('takes the shortest of several paths, and ends on a cycle (which the catalog refuses anyway)', () => {
    const diamond: DependencyEdge[] = [
      { serviceId: 'a', dependsOnServiceId: 'b' },
      { serviceId: 'b', dependsOnServiceId: 'c' },
      { serviceId: 'a', dependsOnServiceId: 'c' },
      { serviceId: 'c', dependsOnServiceId: 'a' },
    ];
    expect(serviceRelationsOf(['a'], diamond).filter((relation) => relation.relation === 'dependency')).toEqual([
      { serviceId: 'b', of: 'a', relation: 'dependency', hops: 1 },
      { serviceId: 'c', of: 'a', relation: 'dependency', hops: 1 },
    ]);
  });
});
