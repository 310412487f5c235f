/** The clock the changes handlers read "now" from (tests set it by hand). */
export const CHANGES_CLOCK = Symbol('CHANGES_CLOCK');

/** The `ChangeNumberAllocator` that numbers new changes (CHG0000001). */
export const CHANGE_NUMBERS = Symbol('CHANGE_NUMBERS');

/** The changes' local copy of the catalog (`ChangeCatalog` port). */
export const CHANGE_CATALOG = Symbol('CHANGE_CATALOG');

/** The accepted, open major incidents of the changes' incidents copy (`ActiveMajorIncidents` port). */
export const ACTIVE_MAJOR_INCIDENTS = Symbol('ACTIVE_MAJOR_INCIDENTS');

/** The incidents linked as caused by changes, from the changes' incidents copy (`CausedIncidents` port). */
export const CAUSED_INCIDENTS = Symbol('CAUSED_INCIDENTS');

/** The `ChangeQueries` over the changes' read models (conflict detection, implementer records). */
export const CHANGE_QUERIES = Symbol('CHANGE_QUERIES');

/** The `ChangePolicies` in force: the risk policy, the approval policy and the look-back of the implementer's record. */
export const CHANGE_POLICIES = Symbol('CHANGE_POLICIES');
