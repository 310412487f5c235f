import type { Projection } from '@itsm/projections';

/**
 * The projections the embedded platform hosts (apps/platform/src/app/platform.module.ts), loaded on first use:
 * `itsm rebuild` rebuilds them where the platform keeps them. Keep the two lists alike.
 */
export const platformProjections = async (): Promise<readonly Projection[]> => {
  const [{ streamHeadsProjection }, { catalogProjections }, { incidentProjections }, { incidentsApplicationProjections }, { changesProjections }, { financeProjections }] = await Promise.all([
    import('@itsm/projections'),
    import('@itsm/catalog-read-models'),
    import('@itsm/incidents-read-models'),
    import('@itsm/incidents-application'),
    import('@itsm/changes-read-models'),
    import('@itsm/finance-read-models'),
  ]);
  return [streamHeadsProjection, ...catalogProjections, ...incidentProjections, ...incidentsApplicationProjections(), ...changesProjections, ...financeProjections];
};
