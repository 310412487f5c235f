import { GroupCommit, type Settlement } from './group-commit';

/** Records what was committed how; requests are numbers, outcomes are the request times ten. */
const recorder = (options: { refuseGroupsWith?: number; failAlone?: number; maxGroupWeight?: number; maxGroupsInFlight?: number } = {}) => {
  const groups: number[][] = [];
  const alone: number[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    return work();
  };
  const commit = new GroupCommit<number, number>({
    commitGroup: (requests) =>
      track((): Settlement<number>[] => {
        groups.push([...requests]);
        if (options.refuseGroupsWith !== undefined && requests.includes(options.refuseGroupsWith)) throw new Error('group refused');
        return requests.map((request) => (request < 0 ? { error: new Error(`refused ${request}`) } : { outcome: request * 10 }));
      }),
    commitAlone: (request) =>
      track(() => {
        alone.push(request);
        if (request === options.failAlone) throw new Error(`failed ${request}`);
        return request * 10;
      }),
    weightOf: () => 1,
    maxGroupWeight: options.maxGroupWeight ?? 100,
    maxGroupsInFlight: options.maxGroupsInFlight ?? 1,
  });
  return { commit, groups, alone, mostInFlight: () => mostInFlight };
};

describe('GroupCommit', () => {
  it('commits a lone request alone, and requests submitted together in one group', async () => {
    const { commit, groups, alone } = recorder();
    expect(await commit.submit(1)).toBe(10);
    expect(await Promise.all([2, 3, 4].map((request) => commit.submit(request)))).toEqual([20, 30, 40]);
    expect(alone).toEqual([1]);
    expect(groups).toEqual([[2, 3, 4]]);
  });

  it('gathers the requests that arrive during a commit into the next group, up to the weight limit', async () => {
    const { commit, groups, alone } = recorder({ maxGroupWeight: 3 });
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4, 5, 6].map((request) => commit.submit(request));
    await Promise.all([first, ...later]);
    expect(alone).toEqual([1]);
    expect(groups).toEqual([
      [2, 3, 4],
      [5, 6],
    ]);
  });

  it("gives each request of a group its own outcome: a refused one fails alone", async () => {
    const { commit } = recorder();
    const outcomes = await Promise.allSettled([1, -2, 3].map((request) => commit.submit(request)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: new Error('refused -2') });
  });

  it('retries each request of a group the database refused as a whole alone, so only the culprit fails', async () => {
    const { commit, alone } = recorder({ refuseGroupsWith: 2, failAlone: 2 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((request) => commit.submit(request)));
    expect(alone).toEqual([1, 2, 3]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'rejected', reason: new Error('failed 2') },
      { status: 'fulfilled', value: 30 },
    ]);
  });

  it('keeps at most maxGroupsInFlight groups committing at once', async () => {
    const { commit, mostInFlight } = recorder({ maxGroupsInFlight: 2 });
    const submitted: Promise<number>[] = [];
    for (let tick = 0; tick < 10; tick++) {
      submitted.push(...[1, 2, 3].map((request) => commit.submit(tick * 10 + request)));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await Promise.all(submitted)).toHaveLength(30);
    expect(mostInFlight()).toBe(2);
  });
});
