// Tests wait for an outcome ("the socket closed", "ringing arrived"), never a guessed number of
// milliseconds: a slow or busy machine makes a test slower, never red. The deadline only turns
// a real hang into a clear failure.

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** For spacing events apart (e.g. "a fault during a recovery"), never to wait for a result. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open handles of the kinds a leak would leave behind. Polling with `until` is safe: its own
 * timer has fired (and no longer counts) by the time the predicate runs.
 */
export function activeHandles(): { timeouts: number; sockets: number } {
  const info = process.getActiveResourcesInfo();
  return { timeouts: info.filter((r) => r === 'Timeout').length, sockets: info.filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap').length };
}
