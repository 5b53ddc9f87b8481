import { redact, redactString } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LogRecord {
  level: LogLevel;
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
  at: string;
}

export type LogWrite = (record: LogRecord) => void;

/**
 * The engine's only logger. Every record is redacted before it reaches `write`, so a sink (stderr
 * in headless mode, electron-log in the app, an array in tests) can never leak a secret.
 */
export function createLogger(write: LogWrite, options: { level?: LogLevel; scope?: string } = {}): Logger {
  const min = LOG_LEVELS.indexOf(options.level ?? 'info');
  const scope = options.scope ?? 'ringtray';
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const record: LogRecord = { level, scope, message: redactString(message), at: new Date().toISOString() };
    if (fields) record.fields = redact(fields) as Record<string, unknown>;
    write(record);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (child) => createLogger(write, { level: options.level ?? 'info', scope: `${scope}:${child}` }),
  };
}

/** One JSON line per record on a stream (headless mode writes logs to stderr, never stdout). */
export function jsonLineWriter(stream: { write(chunk: string): unknown }): LogWrite {
  return (record) => {
    stream.write(`${JSON.stringify(record)}\n`);
  };
}

export const silentLogger: Logger = createLogger(() => undefined, { level: 'error' });
