/** One caller's request waiting for the group it will be committed with. */
interface Waiting<Request, Outcome> {
  request: Request;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/** The outcome of one request inside a group: the caller's result, or the error only that caller gets. */
export type Settlement<Outcome> = { outcome: Outcome } | { error: unknown };

export interface GroupCommitOptions<Request, Outcome> {
  /** Commits several requests in one transaction, settling each on its own; throws when the whole group is refused. */
  commitGroup(requests: readonly Request[]): Promise<Settlement<Outcome>[]>;
  /** Commits one request in a transaction of its own (a group of one, and the retry after a refused group). */
  commitAlone(request: Request): Promise<Outcome>;
  /** How much a request weighs against `maxGroupWeight` (events in an append). */
  weightOf(request: Request): number;
  /** A group closes before it passes this weight; a heavier request goes alone. */
  maxGroupWeight: number;
  /**
   * Groups being committed at once. With 2, the next group's transaction is already queued on the database's
   * lock while the current one commits, so its turn starts without a client round trip.
   */
  maxGroupsInFlight: number;
}

/**
 * Group commit: requests that arrive while groups are being committed wait, and go together in the next one.
 * At most `maxGroupsInFlight` groups at a time per process (they queue on the log's one lock anyway), so under
 * load a group holds every request that came in during the previous commits, and an idle store commits a lone
 * request at once.
 * Each caller gets its own outcome: when the database refuses a group as a whole (a constraint, a lost
 * connection), its requests are retried one by one, so the failure reaches only the request that causes it.
 */
export class GroupCommit<Request, Outcome> {
  private readonly waiting: Waiting<Request, Outcome>[] = [];
  private inFlight = 0;

  constructor(private readonly options: GroupCommitOptions<Request, Outcome>) {}

  submit(request: Request): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      // Requests submitted in the same tick (Promise.all over appends) join the first one's group.
      if (this.waiting.length === 1 && this.inFlight < this.options.maxGroupsInFlight) {
        this.inFlight++;
        queueMicrotask(() => void this.commitNextGroup());
      }
    });
  }

  private async commitNextGroup(): Promise<void> {
    const group = this.takeGroup();
    try {
      if (group.length > 0) await (group.length === 1 ? this.commitAlone(group[0]) : this.commitTogether(group));
    } finally {
      if (this.waiting.length === 0) this.inFlight--;
      // The callers just settled resume on microtasks; waiting for the next turn of the event loop lets those
      // that append again join the next group instead of trailing behind it.
      else setImmediate(() => void this.commitNextGroup());
    }
  }

  private takeGroup(): Waiting<Request, Outcome>[] {
    if (this.waiting.length === 0) return [];
    let weight = this.options.weightOf(this.waiting[0].request);
    let size = 1;
    while (size < this.waiting.length) {
      weight += this.options.weightOf(this.waiting[size].request);
      if (weight > this.options.maxGroupWeight) break;
      size++;
    }
    return this.waiting.splice(0, size);
  }

  private commitAlone({ request, resolve, reject }: Waiting<Request, Outcome>): Promise<void> {
    return this.options.commitAlone(request).then(resolve, reject);
  }

  private async commitTogether(group: Waiting<Request, Outcome>[]): Promise<void> {
    let settlements: Settlement<Outcome>[];
    try {
      settlements = await this.options.commitGroup(group.map(({ request }) => request));
    } catch {
      // Nothing of the group was committed: each request again, alone, so each caller gets its own answer.
      for (const waiting of group) await this.commitAlone(waiting);
      return;
    }
    settlements.forEach((settlement, index) => {
      if ('outcome' in settlement) group[index].resolve(settlement.outcome);
      else group[index].reject(settlement.error);
    });
  }
}
