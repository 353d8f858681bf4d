export * from "./chain";
export * from "./registry";
export * from "./rollups";
