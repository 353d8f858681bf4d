/** The app's views, in menu order. A new view adds one line here. */
export const NAV_ITEMS = [{ href: "/overview", label: "Overview" }] as const satisfies readonly NavItem[];

export type NavItem = { href: `/${string}`; label: string };
