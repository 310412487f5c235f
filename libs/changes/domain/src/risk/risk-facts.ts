/**
 * What the change knows when it is assessed. The application gathers these (the catalog's foreign copy gives the
 * criticalities, the impact graph and the maintenance windows; the change history gives the implementer's record);
 * the assessment only reads them, so a replay over the same facts gives the same level.
 */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** From the least to the most critical. */
export const SERVICE_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ServiceCriticality = (typeof SERVICE_CRITICALITIES)[number];

export interface RiskFacts {
  readonly changeType: ChangeType;
  /** One per service the change touches. */
  readonly serviceCriticalities: readonly ServiceCriticality[];
  /** Services that depend, directly or transitively, on the change's services. */
  readonly dependentServiceCount: number;
  /** 0 when no outage is expected. */
  readonly expectedOutageMinutes: number;
  readonly outsideMaintenanceWindow: boolean;
  /** The implementer's completed changes over the policy's look-back; `total` 0 means no history. */
  readonly implementerRecentFailureRate: { readonly failed: number; readonly total: number };
}

/** The answer id chosen for each question id. */
export type QuestionnaireAnswers = Readonly<Record<string, string>>;

export const criticalityRank = (criticality: ServiceCriticality): number => SERVICE_CRITICALITIES.indexOf(criticality);

/** The most critical of the change's services; undefined when it names none. */
export const maxServiceCriticality = (criticalities: readonly ServiceCriticality[]): ServiceCriticality | undefined =>
  criticalities.reduce<ServiceCriticality | undefined>(
    (highest, criticality) => (highest === undefined || criticalityRank(criticality) > criticalityRank(highest) ? criticality : highest),
    undefined,
  );
