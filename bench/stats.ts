// Small statistics for benchmark figures: every figure is run several times and reported as the
// median with its spread (min–max over the runs), because the machine is shared and noisy.

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

function median(values: readonly number[]): number {
  const s = sortedCopy(values);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: values.length };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), runs: finite.length };
}

/** `1.23 (1.10–1.40, n=3)`: the median first, the spread in brackets. */
export function formatSpread(s: Spread, digits = 2, unit = ''): string {
  if (!Number.isFinite(s.median)) return 'n/a';
  const f = (v: number): string => v.toFixed(digits);
  const range = s.runs > 1 ? ` (${f(s.min)}–${f(s.max)}, n=${s.runs})` : ' (n=1)';
  return `${f(s.median)}${unit}${range}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every `intervalMs`; false if it did not hold within `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, intervalMs = 1): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) return false;
    await sleep(intervalMs);
  }
  return true;
}
