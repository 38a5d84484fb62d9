// A real SMTP server on 127.0.0.1 that catches mail and parses it; tests wait on `next()`,
// which resolves when a message has been received in full (no sleeps).
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpCatcher {
  url: string;
  messages: ParsedMail[];
  /** Resolves with the n-th message (1-based) once it has arrived. */
  waitFor(n: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpCatcher(opts: { rejectWith?: { code: number; message: string } } = {}): Promise<SmtpCatcher> {
  const messages: ParsedMail[] = [];
  const waiters: { n: number; resolve: (m: ParsedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (opts.rejectWith) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error(opts.rejectWith!.message), { responseCode: opts.rejectWith!.code })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          for (const w of waiters.filter((w) => w.n <= messages.length)) w.resolve(messages[w.n - 1]);
          callback();
        },
        (err) => callback(err),
      );
    },
  });
  // A client that drops its connection (a killed worker) is reported as an 'error' event.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(n) {
      if (messages.length >= n) return Promise.resolve(messages[n - 1]);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
