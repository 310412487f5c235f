/** What the platform acknowledged (201/200) to the crash test's clients, per incident. */
export interface AcknowledgedIncident {
  id: string;
  number: string;
  round: number;
  /** The last state the platform acknowledged: `assigned` once an assign answered 200. */
  state: 'new' | 'assigned';
  agent: string;
}

/** A word no seeded incident has: the list's text search finds exactly the crash test's incidents. */
export const PROBE_WORD = 'crashprobe';
export const PROBE_GROUP = 'crash-desk';

export class AcknowledgedWrites {
  readonly incidents = new Map<string, AcknowledgedIncident>();
  /** Writes sent whose answer never came (cut by the kill): they may or may not be in the log. */
  unanswered = 0;

  opened(round: number, id: string, number: string, agent: string): void {
    this.incidents.set(id, { id, number, round, state: 'new', agent });
  }

  assigned(id: string): void {
    const incident = this.incidents.get(id);
    if (incident) incident.state = 'assigned';
  }

  ofRound(round: number): AcknowledgedIncident[] {
    return [...this.incidents.values()].filter((incident) => incident.round === round);
  }

  /**
   * Whether the state read back keeps what was acknowledged. An assign cut by the kill may have committed
   * without its answer, so `new` acknowledged may read back `assigned`; `assigned` acknowledged must stay.
   */
  static keeps(acknowledged: AcknowledgedIncident['state'], read: string): boolean {
    return acknowledged === 'assigned' ? read === 'assigned' : read === 'new' || read === 'assigned';
  }
}
