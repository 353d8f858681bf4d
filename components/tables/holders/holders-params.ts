/** URL prefix and defaults shared by the page's parser and the client table (keep them equal). */
export const HOLDERS_TABLE = {
  prefix: "holders",
  defaultSort: { id: "balance", desc: true },
  defaultSize: 10,
} as const;
