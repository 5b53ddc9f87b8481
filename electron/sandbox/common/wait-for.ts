// Polls a condition until it holds: tests wait for an outcome ("the client re-subscribed")
// instead of sleeping a guessed number of milliseconds.

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(options.message ?? `waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}
