// Sends digests: over SMTP when SMTP_URL is set, otherwise into OUTBOX_DIR as .eml files (the
// path is returned so it can be logged and shown). The Message-ID is the caller's, so a re-send
// after a crash carries the same one.
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { redactUrl } from '../config/env.js';
import { reasonOf, ServiceUnavailableError } from '../config/errors.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  fileStem: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ outboxPath?: string; response?: string }>;
  verify(): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (!opts.smtpUrl) {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(mail) {
        const info = await transport.sendMail({ from: opts.from, ...mail, messageId: mail.messageId });
        await mkdir(opts.outboxDir, { recursive: true });
        const outboxPath = resolve(opts.outboxDir, `${mail.fileStem.replace(/[^\w.-]+/g, '_')}.eml`);
        await writeFile(outboxPath, info.message as Buffer);
        return { outboxPath };
      },
      async verify() {},
      close: () => transport.close(),
    };
  }
  const smtpUrl = opts.smtpUrl;
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as object);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: opts.from, ...mail, messageId: mail.messageId });
      return { response: info.response };
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw new ServiceUnavailableError('SMTP', redactUrl(smtpUrl), reasonOf(err), 'Is the mail server running and is SMTP_URL right? (unset SMTP_URL to write .eml files to OUTBOX_DIR)');
      }
    },
    close: () => transport.close(),
  };
}

/**
 * How a failed send is treated. A 5xx reply (after MAIL, RCPT or DATA) is permanent: retrying
 * sends the same message to the same answer. Everything else is temporary and retried with
 * back-off: 4xx replies (greylisting, full queue), timeouts, refused or dropped connections, and
 * authentication failures (a configuration problem of ours, not of the recipient's address).
 */
export function smtpFailure(err: unknown): { permanent: boolean; reason: string } {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const message = String(e?.message ?? err).replace(/[\r\n]+/g, ' ').trim();
  const code = e?.responseCode;
  if (code && code >= 500 && code < 600 && e.code !== 'EAUTH') return { permanent: true, reason: `SMTP ${code}: ${message}` };
  if (code) return { permanent: false, reason: `SMTP ${code}: ${message}` };
  return { permanent: false, reason: e?.code ? `${e.code}: ${message}` : message };
}
