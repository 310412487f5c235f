/**
 * A change as a link names it: by its id, by its number (`CHG0000001`), or by both (then both must name the same
 * change).
 */
export type ChangeRef = { changeId: string; changeNumber?: string } | { changeId?: string; changeNumber: string };

/** A change the incidents know of: its id and its number, as the changes context raised it. */
export interface KnownChange {
  changeId: string;
  changeNumber: string;
}

/** What the incident handlers read from their local copy of changes (never from the changes context itself). */
export interface ChangeDirectory {
  /**
   * The change the reference names: every part given must match the same change. Throws `ChangeNotFound` when the
   * copy knows no such change (never raised, a part that names another change, or raised so recently that the copy
   * has not taken it in yet).
   */
  changeOf(ref: ChangeRef): Promise<KnownChange>;
}
