import { DEFAULT_SERVICE_CRITICALITY, isWithinMaintenanceWindows, type ChangeRiskInputs, type RiskAssessmentTrigger } from '@itsm/contracts';
import {
  approvalStagesFor,
  assessRisk,
  changedRiskInputs,
  type QuestionnaireAnswers,
  type RaisedChange,
  type RiskFacts,
} from '@itsm/changes-domain';
import type { ChangePolicies } from '../policies/change-policies';
import type { ChangeCatalog } from '../ports/change-catalog.port';
import type { ImplementerRecords } from '../ports/change-queries.port';
import type { ChangeIntent } from '../change-stream/change-streams';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the requester says about the change: the questionnaire's answers, and the outage they expect (0: none). */
export interface RiskAnswers {
  answers: QuestionnaireAnswers;
  expectedOutageMinutes: number;
}

type AssessIntent = Extract<ChangeIntent, { type: 'AssessChangeRisk' }>;

/**
 * Gathers the facts of a change's risk and turns the policy's assessment into the decider's command. The facts come
 * from the changes' own copies and read models, never from another context:
 * - criticalities of its services from the catalog copy (`medium`, the catalog's default, for one not published yet);
 * - dependents: services that depend on its services, directly or transitively (the copy's impact graph);
 * - outside the maintenance windows: its planned window is not wholly inside the windows of a service that has some;
 * - the implementer group's completed changes over the look-back, failed and backed out counted as failures;
 * - the expected outage and the answers, as the requester gave them.
 */
export class ChangeRiskAssessor {
  constructor(
    private readonly catalog: ChangeCatalog,
    private readonly implementerRecords: ImplementerRecords,
    private readonly policies: ChangePolicies,
  ) {}

  async factsOf(change: RaisedChange, expectedOutageMinutes: number, now: Date): Promise<RiskFacts> {
    const serviceIds = change.serviceIds;
    const since = new Date(now.getTime() - this.policies.implementerLookBackDays * DAY_MS);
    const [services, relations, maintenanceWindows, record] = await Promise.all([
      this.catalog.services(serviceIds),
      this.catalog.relatedServices(serviceIds),
      this.catalog.maintenanceWindows(serviceIds),
      this.implementerRecords.recentRecord(change.implementer.group, since),
    ]);
    const criticalityOf = new Map(services.map((service) => [service.serviceId, service.criticality]));
    const dependents = new Set(relations.filter((relation) => relation.relation === 'dependent').map((relation) => relation.serviceId));
    for (const serviceId of serviceIds) dependents.delete(serviceId);
    const [start, end] = [new Date(change.plannedStart), new Date(change.plannedEnd)];
    return {
      changeType: change.type,
      serviceCriticalities: serviceIds.map((serviceId) => criticalityOf.get(serviceId) ?? DEFAULT_SERVICE_CRITICALITY),
      dependentServiceCount: dependents.size,
      expectedOutageMinutes,
      outsideMaintenanceWindow: maintenanceWindows.some((set) => set.windows.length > 0 && !isWithinMaintenanceWindows(set, start, end)),
      implementerRecentFailureRate: { failed: record.failed, total: record.total },
    };
  }

  /**
   * The command recording the change's risk under the policy in force, with the approval stages the approval policy
   * gives a normal change for that level, and what differs from the previous assessment's inputs (why the level moved,
   * or not). Refusals of the policy (an unanswered question, an unknown answer) are RuleViolations: 409.
   */
  async assessment(change: RaisedChange, given: RiskAnswers, trigger: RiskAssessmentTrigger, now: Date): Promise<AssessIntent> {
    const inputs: ChangeRiskInputs = { facts: await this.factsOf(change, given.expectedOutageMinutes, now), answers: { ...given.answers } };
    const assessed = assessRisk(inputs.facts, inputs.answers, this.policies.risk);
    const previous = change.risk?.inputs ?? null;
    return {
      type: 'AssessChangeRisk',
      data: {
        level: assessed.level,
        policyVersion: assessed.policyVersion,
        ruleLevel: assessed.ruleLevel,
        questionnaireLevel: assessed.questionnaireLevel,
        firedRules: assessed.firedRules.map(({ rule, level, reason }) => ({ rule, level, reason })),
        questionScores: assessed.questionScores.map(({ question, answer, weighted }) => ({ question, answer, score: weighted })),
        // Only a normal change opens its stages here: an emergency one opened its ECAB stages when it was submitted.
        ...(change.type === 'normal' ? { approvalStages: approvalStagesFor(this.policies.approval, 'normal', assessed.level) } : {}),
        inputs,
        trigger,
        ...(previous === null ? {} : { changedInputs: changedRiskInputs(previous, inputs) }),
      },
    };
  }

  /**
   * After a material edit: the same answers and expected outage as the last assessment, on the facts as they are
   * now. Null when there is nothing to go on (never assessed, or assessed before inputs were recorded) or nothing due.
   */
  async reassessment(change: RaisedChange, now: Date): Promise<AssessIntent | null> {
    const inputs = change.risk?.inputs;
    const inAssessment = (change.type === 'normal' && change.state === 'assess') || (change.type === 'emergency' && change.state === 'authorize');
    if (!change.riskAssessmentDue || !inAssessment || !inputs) return null;
    return this.assessment(change, { answers: inputs.answers, expectedOutageMinutes: inputs.facts.expectedOutageMinutes }, 'material-edit', now);
  }

  /** The ECAB stages of an emergency change, when it is submitted (before any assessment). */
  emergencyStages() {
    return approvalStagesFor(this.policies.approval, 'emergency', null);
  }
}
