// pino logger: JSON lines on stderr (stdout stays clean for --json output), pretty on a TTY.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  const pretty = opts.pretty ?? process.stderr.isTTY === true;
  if (pretty) {
    return pino({
      level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino({ level }, pino.destination({ fd: 2, sync: false }));
}
