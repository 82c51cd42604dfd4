/**
 * A countdown that keeps time by the clock, not by counting ticks (a phone
 * that throttles timers still stops on time), and reports each tick.
 */
export class Countdown {
  private timer: ReturnType<typeof setInterval> | null = null;
  private endsAt = 0;

  constructor(
    private readonly seconds: number,
    private readonly onTick: (left: number, total: number) => void,
    private readonly onDone: () => void,
  ) {}

  start(): void {
    this.endsAt = Date.now() + this.seconds * 1000;
    this.tick();
    this.timer = setInterval(() => this.tick(), 200);
  }

  /** Seconds elapsed since start. */
  elapsed(): number {
    return this.seconds - Math.max(0, (this.endsAt - Date.now()) / 1000);
  }

  cancel(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const left = Math.max(0, (this.endsAt - Date.now()) / 1000);
    this.onTick(left, this.seconds);
    if (left <= 0) {
      this.cancel();
      this.onDone();
    }
  }
}
