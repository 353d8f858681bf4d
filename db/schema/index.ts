export * from "./audit";
export * from "./auth";
export * from "./chain";
export * from "./registry";
export * from "./rollups";
export * from "./monitoring";
export * from "./watchlists";
export * from "./goaml";
