/**
 * What the change knows when it is assessed. The application gathers these (the catalog's foreign copy gives the
 * criticalities, the impact graph and the maintenance windows; the change history gives the implementer's record);
 * the assessment only reads them, so a replay over the same facts gives the same level.
 */
import { SERVICE_CRITICALITIES, type ChangeRiskAnswers, type ChangeRiskFacts, type ServiceCriticality } from '@itsm/contracts';

// The vocabulary is the contracts' (one definition): re-exported for the policy files and the back-test.
export { CHANGE_TYPES, SERVICE_CRITICALITIES, type ChangeType, type ServiceCriticality } from '@itsm/contracts';

/** What an assessment reads: the contracts' `ChangeRiskFacts`, as the assessment event records them. */
export type RiskFacts = ChangeRiskFacts;

/** The answer id chosen for each question id. */
export type QuestionnaireAnswers = ChangeRiskAnswers;

export const criticalityRank = (criticality: ServiceCriticality): number => SERVICE_CRITICALITIES.indexOf(criticality);

/** The most critical of the change's services; undefined when it names none. */
export const maxServiceCriticality = (criticalities: readonly ServiceCriticality[]): ServiceCriticality | undefined =>
  criticalities.reduce<ServiceCriticality | undefined>(
    (highest, criticality) => (highest === undefined || criticalityRank(criticality) > criticalityRank(highest) ? criticality : highest),
    undefined,
  );
