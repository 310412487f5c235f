/** The clock the finance handlers read "now" from (tests set it by hand). */
export const FINANCE_CLOCK = Symbol('FINANCE_CLOCK');
