import { transitiveDependents } from './transitive-dependents';

const graph = (edges: Record<string, string[]>) => (id: string) => edges[id] ?? [];

describe('transitiveDependents', () => {
  it('finds direct and indirect dependents', () => {
    // crm and billing depend on db; portal depends on crm.
    const dependents = graph({ db: ['crm', 'billing'], crm: ['portal'] });
    expect(transitiveDependents('db', dependents)).toEqual(new Set(['crm', 'billing', 'portal']));
  });

  it('finds nothing for a service no one depends on', () => {
    expect(transitiveDependents('portal', graph({ db: ['crm'] }))).toEqual(new Set());
  });

  it('counts a service reached by two paths once', () => {
    const dependents = graph({ db: ['crm', 'billing'], crm: ['portal'], billing: ['portal'] });
    expect([...transitiveDependents('db', dependents)].sort()).toEqual(['billing', 'crm', 'portal']);
  });

  it('terminates on a cycle', () => {
    expect(transitiveDependents('a', graph({ a: ['b'], b: ['a'] }))).toEqual(new Set(['a', 'b']));
  });
});
