/** The entities table's sort when the URL has none; the page's parser and the table share it. */
export const ENTITIES_DEFAULT_SORT = { id: "name", desc: false } as const;
