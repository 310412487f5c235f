/** The clock the changes handlers read "now" from (tests set it by hand). */
export const CHANGES_CLOCK = Symbol('CHANGES_CLOCK');
