/** Injection token of the process's `ProjectionRuntime`. */
export const PROJECTION_RUNTIME = Symbol('PROJECTION_RUNTIME');
/** Injection token of the ProjectionsModule options. */
export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');
