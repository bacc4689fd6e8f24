import type { ProgressEvent } from '../run-contract.ts';
import { progressLine } from './console.ts';

/** At most this long without a line: a person, or a CI job, must never think the run hung. */
export const HEARTBEAT_MS = 5_000;

/**
 * What a run shows while it works. In a terminal, one live status line (check, requests sent,
 * elapsed, what it waits for) redrawn every second under the permanent lines; elsewhere (CI, a
 * pipe) a plain status line whenever nothing was printed for HEARTBEAT_MS.
 */
export class LiveStatus {
  private check = 'connecting';
  private sent = 0;
  private waiting: { text: string; at: number } | undefined;
  private lastLine = Date.now();
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly quiet = false,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.tty ? 1000 : 500);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.clear();
  }

  onEvent(event: ProgressEvent): void {
    if (event.kind === 'sent') this.sent = event.count;
    else if (event.kind === 'wait') this.waiting = { text: event.text, at: Date.now() };
    else if (event.kind === 'start') {
      this.check = event.check;
      this.waiting = undefined;
    } else if (event.kind === 'stage') this.check = event.text.toLowerCase();
    const line = this.quiet ? undefined : progressLine(event);
    if (line) this.print(line);
  }

  /** A permanent line, printed above the live status. */
  print(line: string): void {
    this.clear();
    this.write(`${line}\n`);
    this.lastLine = Date.now();
    if (this.tty) this.draw();
  }

  /** The status as one line: `… 45 s: realtime, 312 requests sent; waiting for call 3f… in_progress, 12 of 180 s`. */
  statusText(now = Date.now()): string {
    const waitingFor =
      this.waiting && now - this.waiting.at < 3_000 ? `; waiting for ${this.waiting.text}` : '';
    return `… ${Math.round((now - this.started) / 1000)} s: ${this.check}, ${this.sent} requests sent${waitingFor}`;
  }

  private tick(): void {
    if (this.tty) this.draw();
    // Early enough that a busy event loop (on a loaded 2-core machine, 2 s late: the bench saw a
    // 6.3 s silence with a 1.5 s margin) still keeps the promise of HEARTBEAT_MS.
    else if (Date.now() - this.lastLine >= HEARTBEAT_MS - 2500) this.print(this.statusText());
  }

  private draw(): void {
    const columns = process.stdout.columns || 100; // 0 in a pty of unknown size
    this.write(`\r\u001b[2K${this.statusText().slice(0, columns - 1)}`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.write('\r\u001b[2K');
    this.drawn = false;
  }
}
