import type { LogLevel, LogRecord, LogWrite } from '../engine/log/logger';
import { LOG_LEVELS } from '../engine/log/logger';

// The app's log file: electron-log's file transport (in the app's logs folder), rotated at
// ~1 MB (electron-log keeps one old file, main.old.log). Records arrive already redacted by
// createLogger, so no secret reaches the file. The level follows Settings → log level.

export const LOG_FILE_MAX_BYTES = 1_048_576;

/** The part of electron-log/main this needs (typed loosely so tests can pass a recorder). */
export interface ElectronLogLike {
  transports: {
    file: { maxSize: number; level: false | string; format: unknown };
    console: { level: false | string };
  };
  log(...params: unknown[]): void;
  debug(...params: unknown[]): void;
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
}

export function createFileLogWriter(electronLog: ElectronLogLike, initialLevel: LogLevel, options: { console?: boolean } = {}) {
  electronLog.transports.file.maxSize = LOG_FILE_MAX_BYTES;
  electronLog.transports.file.level = 'debug';
  electronLog.transports.file.format = '{text}';
  electronLog.transports.console.level = options.console ? 'debug' : false;
  let min = LOG_LEVELS.indexOf(initialLevel);

  const write: LogWrite = (record: LogRecord) => {
    if (LOG_LEVELS.indexOf(record.level) < min) return;
    // One JSON object per line: the same shape headless mode writes, easy to grep and parse.
    electronLog[record.level](JSON.stringify(record));
  };
  return {
    write,
    setLevel(level: LogLevel): void {
      min = LOG_LEVELS.indexOf(level);
    },
  };
}
