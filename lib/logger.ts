import pino from "pino";

/**
 * Structured JSON logs (pino). `pretty` (the demo on a terminal) renders them for humans through
 * pino-pretty; files and CI keep JSON.
 */
export function createLogger(name: string, level: string = "info", opts: { pretty?: boolean } = {}) {
  return pino({
    name,
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(opts.pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { colorize: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" },
          },
        }
      : {}),
  });
}
export type Logger = ReturnType<typeof createLogger>;
