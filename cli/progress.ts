// Progress on stderr while leads stream through (leads/s, share read, ETA) — only on a terminal.
import type {Writable} from 'node:stream';

/** Updates one status line at most twice a second; silent unless `stream` is a TTY. */
export class Progress {
  private count = 0;
  private last = 0;
  private readonly started: number;
  private readonly on: boolean;

  constructor(
    private readonly stream: Writable,
    private readonly bytes: () => number,
    private readonly size: number | null,
    quiet = false,
  ) {
    this.on = !quiet && (stream as Writable & {isTTY?: boolean}).isTTY === true;
    this.started = performance.now();
  }

  tick(): void {
    this.count++;
    if (!this.on || (this.count & 1023) !== 0) return;
    const now = performance.now();
    if (now - this.last < 500) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const rate = Math.round(this.count / secs);
    let tail = '';
    if (this.size) {
      const share = Math.min(1, this.bytes() / this.size);
      const eta = share > 0 ? secs / share - secs : 0;
      tail = ` · ${(share * 100).toFixed(0)}% · ETA ${Math.floor(eta / 60)}:${String(Math.round(eta % 60)).padStart(2, '0')}`;
    }
    this.stream.write(`\r${this.count.toLocaleString('en-US')} leads · ${rate.toLocaleString('en-US')}/s${tail}   `);
  }

  done(): void {
    if (this.on && this.last) this.stream.write('\r\x1b[K');
  }
}
