/** Ids and titles shared by each reports widget and its skeleton, so the frame does not jump. */
export const REPORTS_CARDS = {
  monthly: { id: "reports-monthly", title: "Monthly supervisory report (PDF)" },
  sources: { id: "reports-sources", title: "What can be exported, and from where" },
  lookup: { id: "reports-lookup", title: "Find an export by its id" },
  recent: { id: "reports-recent", title: "Recent exports" },
} as const;
