import { Inject, Injectable } from '@nestjs/common';
import type { ChangeStateName, ChangeType } from '@itsm/contracts';
import type { Clock } from '@itsm/event-sourcing';
import { deploymentGate, type GateVerdict } from '@itsm/changes-domain';
import { ChangeStreams } from '../change-stream/change-streams';
import { CHANGE_QUERIES, CHANGES_CLOCK } from '../nest/changes-application.tokens';
import type { ChangeQueries, DetectedConflict } from '../ports/change-queries.port';

/** The states whose window the conflict detection checks (on the schedule, or a candidate for it). */
const CHECKED_STATES: readonly ChangeStateName[] = ['new', 'assess', 'authorize', 'scheduled', 'implement'];

export interface ChangeGate {
  changeId: string;
  number: string;
  type: ChangeType;
  state: ChangeStateName;
  plannedStart: string;
  plannedEnd: string;
  verdict: GateVerdict;
  reason: string;
  /** Those of `conflicts` that block a change of its type: what prevents it, when anything does. */
  blockingConflicts: DetectedConflict[];
  /** Every conflict of its window as of now (none once implemented or canceled). */
  conflicts: DetectedConflict[];
  checkedAt: string;
  /** The stream revision the answer was decided on (the change's ETag). */
  revision: number;
}

/**
 * The deployment gate a CI/CD pipeline asks before it deploys (`GET /changes/:id/gate`): the change as its stream says
 * now (no read-model lag between a pipeline's submit and its ask), the live conflicts of its window, and the clock,
 * through the domain's `deploymentGate`. Nothing is written.
 */
@Injectable()
export class ChangeGateQuery {
  constructor(
    private readonly streams: ChangeStreams,
    @Inject(CHANGE_QUERIES) private readonly queries: ChangeQueries,
    @Inject(CHANGES_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(changeId: string): Promise<ChangeGate> {
    const { change, revision } = await this.streams.load(changeId);
    const { number, type, state, serviceIds, plannedStart, plannedEnd, implementer } = change;
    const conflicts = CHECKED_STATES.includes(state)
      ? await this.queries.conflicts.conflictsFor({ serviceIds, plannedStart, plannedEnd, implementer, type, changeId })
      : [];
    const now = this.clock.now();
    const gate = deploymentGate(change, conflicts, now);
    return {
      changeId,
      number,
      type,
      state,
      plannedStart,
      plannedEnd,
      verdict: gate.verdict,
      reason: gate.reason,
      blockingConflicts: gate.blockingConflicts,
      conflicts,
      checkedAt: now.toISOString(),
      revision,
    };
  }
}
