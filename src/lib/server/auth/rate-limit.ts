/** Login throttling: failed attempts counted per name and address, and per address, over a sliding window. */

/** Failures counted over this window (15 minutes). */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts allowed for one name from one address within the window. */
export const MAX_FAILURES_PER_NAME = 5;
/** Failed attempts allowed from one address within the window, whatever the names. */
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Keys remembered at most (the oldest are forgotten first), so a flood cannot exhaust memory. */
const MAX_KEYS = 10_000;

/** The verdict on an attempt: allowed, or refused for `retryAfterSeconds`. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Failed-login counters in memory (one server process per database, so they need not be shared). */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: () => number = Date.now) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < THROTTLE_WINDOW_MS);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  private static keys(name: string, address: string): [string, string] {
    return [`n:${name.toLowerCase()}\u0000${address}`, `a:${address}`];
  }

  /** Whether `name` may try a password from `address` now. */
  check(name: string, address: string): ThrottleVerdict {
    const now = this.clock();
    const [byName, byAddress] = LoginThrottle.keys(name, address);
    const blocked = [
      [this.recent(byName, now), MAX_FAILURES_PER_NAME],
      [this.recent(byAddress, now), MAX_FAILURES_PER_ADDRESS],
    ] as const;
    let wait = 0;
    for (const [times, max] of blocked) {
      if (times.length >= max) wait = Math.max(wait, times[times.length - max] + THROTTLE_WINDOW_MS - now);
    }
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
  }

  /** Counts a failed attempt. */
  fail(name: string, address: string): void {
    const now = this.clock();
    for (const key of LoginThrottle.keys(name, address)) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key); // re-insert: the Map's order is then oldest-used first
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  /** Forgets the failures of `name` from `address` after a successful sign-in. */
  succeed(name: string, address: string): void {
    this.failures.delete(LoginThrottle.keys(name, address)[0]);
  }
}

/** The web app's throttle. */
export const loginThrottle = new LoginThrottle();
