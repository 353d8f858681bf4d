/** Backfill progress: blocks/s and events/s over a sliding window, remaining blocks and ETA. */
export class Progress {
  private samples: { t: number; block: bigint; events: number }[] = [];
  private events = 0;
  constructor(
    private readonly windowMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(block: bigint, events: number): void {
    this.events += events;
    const t = this.now();
    this.samples.push({ t, block, events: this.events });
    while (this.samples.length > 2 && t - (this.samples[0]?.t ?? t) > this.windowMs) this.samples.shift();
  }

  snapshot(target: bigint) {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last)
      return { blocksPerSec: 0, eventsPerSec: 0, remainingBlocks: "0", etaSec: null as number | null };
    const secs = Math.max((last.t - first.t) / 1000, 0.001);
    const blocksPerSec = Number(last.block - first.block) / secs;
    const eventsPerSec = (last.events - first.events) / secs;
    const remaining = target > last.block ? target - last.block : 0n;
    const etaSec = blocksPerSec > 0 ? Math.round(Number(remaining) / blocksPerSec) : null;
    return {
      blocksPerSec: Math.round(blocksPerSec),
      eventsPerSec: Math.round(eventsPerSec),
      remainingBlocks: remaining.toString(),
      etaSec,
      totalEvents: this.events,
    };
  }
}
