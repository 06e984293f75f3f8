// How the walker's keys arrived, to tell a person at a keyboard from a program writing to the
// terminal (the rule is gates/pace.ts notFromPerson). The walker reads the terminal and draws once
// per read: an answer (y, n) read together with an earlier key answered a screen that was never
// drawn, and a key less than KEY_BURST_MS after the previous read came faster than anyone types or
// any keyboard repeats. Paging keys read together are not counted (a held-down space on a busy
// machine does that; and rows scrolled past without a draw were never on screen anyway), nor is
// text typed into a prompt (a note, a file name): pasting it is fine.
import { KEY_BURST_MS } from '../gates/pace.js';
import type { KeyTiming } from '../evidence/types.js';

export class KeyTimer {
  private keys = 0;
  private ahead = 0;
  private burst = 0;
  private lastRead: number | null = null;

  constructor(private readonly now: () => number) {}

  /** One key pressed on a walker screen: `inRead` is its position among the keys of its read. */
  key(inRead: number, answer: boolean, at: number = this.now()): void {
    this.keys++;
    if (inRead > 0) {
      if (answer) this.ahead++;
    } else if (this.lastRead !== null && at - this.lastRead < KEY_BURST_MS) this.burst++;
  }

  /** A read from the terminal ended (whatever it held, prompt text included). */
  read(at: number = this.now()): void {
    this.lastRead = at;
  }

  get timing(): KeyTiming {
    return { keys: this.keys, ahead: this.ahead, burst: this.burst };
  }
}
