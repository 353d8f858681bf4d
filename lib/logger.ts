import pino from "pino";

/** Structured JSON logs (pino). Level from LOG_LEVEL, read by the caller's env module. */
export function createLogger(name: string, level: string = "info") {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type Logger = ReturnType<typeof createLogger>;
