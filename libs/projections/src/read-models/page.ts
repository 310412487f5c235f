/** One page of a cursor-paginated list (DESIGN §7). */
export interface Page<Item> {
  items: Item[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** The page size to fetch: the default when none is asked, else held within 1–MAX_PAGE_SIZE. */
export const pageSizeOf = (limit: number | undefined): number => Math.min(Math.max(1, limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

/** Rows were fetched with limit + 1: the extra row only tells that another page exists. */
export const pageOf = <Row, Item>(rows: Row[], limit: number, toItem: (row: Row) => Item, cursorOf: (row: Row) => string): Page<Item> => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toItem), nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
};
