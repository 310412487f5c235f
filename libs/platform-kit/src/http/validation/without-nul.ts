/** PostgreSQL refuses NUL in text parameters (a 500 otherwise), and no user text holds one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
export const WITHOUT_NUL = /^[^\u0000]*$/;
