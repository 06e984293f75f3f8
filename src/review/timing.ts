// Active review time. Wall time overstates how long a person read (lunch, a meeting, another
// window), so time is counted between keypresses, each gap capped, and not at all while the
// process is suspended (Ctrl-Z) or the terminal reports it lost focus. Pure: the caller passes
// the clock, so tests drive time by hand.

/** A gap between two keypresses longer than this counts as this much (the person was away). */
const IDLE_CAP_MS = 60_000;

export class ActiveClock {
  private last: number;
  private paused = false;
  private readonly spent = new Map<string, number>();
  private current: string | null = null;
  private total = 0;

  constructor(
    private readonly now: () => number,
    private readonly idleCapMs = IDLE_CAP_MS,
  ) {
    this.last = now();
  }

  /** Charges the time since the last event to what was on screen, then shows `unit` next. */
  tick(unit: string | null = this.current): void {
    const t = this.now();
    if (!this.paused && this.current !== null) {
      const gap = Math.min(Math.max(0, t - this.last), this.idleCapMs);
      this.spent.set(this.current, (this.spent.get(this.current) ?? 0) + gap);
      this.total += gap;
    }
    this.last = t;
    this.current = unit;
  }

  /** Suspended or blurred: the time until resume() is not reading time. */
  pause(): void {
    if (this.paused) return;
    this.tick();
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.last = this.now();
  }

  /** Active milliseconds spent on one unit so far. */
  spentOn(unit: string): number {
    return this.spent.get(unit) ?? 0;
  }

  get totalMs(): number {
    return this.total;
  }
}
