/** Injection token of the opened projector (log, read-model database, projection runtime). */
export const PROJECTOR = Symbol('PROJECTOR');
