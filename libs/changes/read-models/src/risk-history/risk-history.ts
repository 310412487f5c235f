import type { ChangeEvent, ChangeOutcome, ChangeRiskAnswers, ChangeRiskFacts, ChangeType, RiskLevel } from '@itsm/contracts';

/**
 * A change as a risk back-test replays it: the facts and answers its latest assessment read, the level and policy
 * version recorded then, and how it turned out (outcome, incidents it caused). `facts` and `answers` are null for an
 * assessment that did not record them (it cannot be replayed).
 */
export interface RiskHistoryEntry {
  changeId: string;
  number: string;
  type: ChangeType;
  recordedLevel: RiskLevel | null;
  recordedPolicyVersion: string | null;
  facts: ChangeRiskFacts | null;
  answers: ChangeRiskAnswers | null;
  assessedAt: string | null;
  /** Null until the change is completed. */
  outcome: ChangeOutcome | null;
  causedIncidents: number;
}

/** The change events a risk history reads. */
export const RISK_HISTORY_EVENT_TYPES = [
  'ChangeRaised',
  'ChangeTypeChanged',
  'ChangeRiskAssessed',
  'ChangeCompleted',
  'ChangeCausedIncidentRecorded',
  'ChangeCausedIncidentRemoved',
] as const;

/**
 * One change's entry after one of its events, in memory (`itsm changes backtest-risk` folds the log with it; the
 * `change_risk_history` projection writes the same columns in SQL, and its spec checks that both agree). An entry
 * exists from `ChangeRaised` on; events of a change never raised are ignored.
 */
export const evolveRiskHistory = (entry: RiskHistoryEntry | undefined, changeId: string, event: ChangeEvent): RiskHistoryEntry | undefined => {
  if (event.type === 'ChangeRaised') {
    return entry ?? {
      changeId,
      number: event.data.number,
      type: event.data.type,
      recordedLevel: null,
      recordedPolicyVersion: null,
      facts: null,
      answers: null,
      assessedAt: null,
      outcome: null,
      causedIncidents: 0,
    };
  }
  if (!entry) return undefined;
  switch (event.type) {
    case 'ChangeTypeChanged':
      return { ...entry, type: event.data.to };
    case 'ChangeRiskAssessed': {
      const { level, policyVersion, assessedAt } = event.data;
      // Assessments recorded before the event kept its inputs read as null.
      const inputs = event.data.inputs ?? null;
      return { ...entry, recordedLevel: level, recordedPolicyVersion: policyVersion, facts: inputs?.facts ?? null, answers: inputs?.answers ?? null, assessedAt };
    }
    case 'ChangeCompleted':
      return { ...entry, outcome: event.data.outcome };
    case 'ChangeCausedIncidentRecorded':
    case 'ChangeCausedIncidentRemoved':
      return { ...entry, causedIncidents: event.data.causedIncidentCount };
    default:
      return entry;
  }
};
