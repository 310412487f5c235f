import { streamHeadsProjection, type Projection } from '@itsm/projections';

/** The projections this host runs; the contexts' read-model libs add theirs here. */
export const hostedProjections: readonly Projection[] = [streamHeadsProjection];
