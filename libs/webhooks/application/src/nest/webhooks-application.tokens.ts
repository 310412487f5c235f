/** The clock the webhooks handlers read "now" from (tests set it by hand). */
export const WEBHOOKS_CLOCK = Symbol('WEBHOOKS_CLOCK');
