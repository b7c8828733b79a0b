import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** LOG_LEVEL values (as in the specs) and the Nest levels each lets through. */
export const LOG_LEVELS: Record<string, LogLevel[]> = {
  DEBUG: ['fatal', 'error', 'warn', 'log', 'debug'],
  INFO: ['fatal', 'error', 'warn', 'log'],
  WARNING: ['fatal', 'error', 'warn'],
  WARN: ['fatal', 'error', 'warn'],
  ERROR: ['fatal', 'error'],
};

/** One JSON object per log line (level, pid, timestamp, message, context). */
export function createJsonLogger(level: string): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: LOG_LEVELS[level.toUpperCase()] ?? LOG_LEVELS.INFO });
}
