import { createLogger, type Logger } from '../../../electron/engine/log/logger';

/** A debug-level logger whose every (already redacted) record is kept as a JSON line. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger((r) => lines.push(JSON.stringify(r)), { level: 'debug' }), lines };
}

/** The secrets (of at least 8 characters) that occur in `text`. */
export function leakedSecrets(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((s) => s.length >= 8 && text.includes(s));
}
