/**
 * One line per event on stderr; never a secret, never a request body. The line is JSON (for log
 * collectors) unless stderr is a terminal: there it is plain text, so that what `npm start` prints
 * stays readable. The fields are the same either way.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'text';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const toStderr = (line: string) => process.stderr.write(`${line}\n`);

/** `[21:08:14] warn: jobs: could not fetch (job: sla-check, error: …)`; a stack goes on the lines below. */
function textLine(time: Date, level: Exclude<LogLevel, 'silent'>, msg: string, fields: Record<string, unknown>): string {
  const { stack, ...rest } = fields;
  const clock = `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}:${String(time.getSeconds()).padStart(2, '0')}`;
  const shown = Object.entries(rest).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const line = `[${clock}] ${level === 'info' ? '' : `${level}: `}${msg}${shown.length ? ` (${shown.join(', ')})` : ''}`;
  return typeof stack === 'string' ? `${line}\n${stack}` : line;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = toStderr,
  format: LogFormat = write === toStderr && process.stderr.isTTY ? 'text' : 'json',
): Logger {
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (order[at] < order[level]) return;
      const time = new Date();
      write(format === 'text' ? textLine(time, at, msg, fields) : JSON.stringify({ time: time.toISOString(), level: at, msg, ...fields }));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
