/**
 * `@itsm/platform-kit/settings`: the settings and token signing alone, without Nest, the databases or the bus, so
 * that a short command (`itsm token`) starts in a fraction of a second. The main entry re-exports all of it.
 */
export * from './config/runtime-config';
export * from './http/auth/roles';
export * from './http/auth/jwt-secret';
export * from './http/auth/access-token.signer';
