import { z } from "zod";

/** `npm run demo` flags. */
export const demoArgsSchema = z.object({
  seed: z.string().min(1).max(64).default("usd1-demo"),
  days: z.coerce.number().int().min(3).max(730).default(120),
  scale: z.coerce.number().positive().max(50).default(1),
  endDate: z.iso.date("--end-date must be YYYY-MM-DD").optional(),
  port: z.coerce.number().int().min(1).max(65_535).default(3000),
  dbPort: z.coerce.number().int().min(0).max(65_535).default(0),
  dataDir: z.string().min(1).default(".data/demo"),
  live: z.boolean().default(true),
  build: z.boolean().default(true),
});
export type DemoArgs = z.output<typeof demoArgsSchema>;
