/** The clock the changes handlers read "now" from (tests set it by hand). */
export const CHANGES_CLOCK = Symbol('CHANGES_CLOCK');

/** The `ChangeNumberAllocator` that numbers new changes (CHG0000001). */
export const CHANGE_NUMBERS = Symbol('CHANGE_NUMBERS');
