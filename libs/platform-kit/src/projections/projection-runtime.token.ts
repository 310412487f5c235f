/** Injection token of the process's `ProjectionRuntime`. */
export const PROJECTION_RUNTIME = Symbol('PROJECTION_RUNTIME');
