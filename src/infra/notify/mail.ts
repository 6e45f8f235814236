import { createTransport } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** Sends e-mail. `send` rejects with a MailSendError. */
export interface Mailer {
  readonly from: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** A message the SMTP server did not take. `permanent`: trying again cannot help (no such mailbox). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * E-mail through SMTP (KPO_SMTP_URL, e.g. smtp://user:pass@host:587 — STARTTLS when the server
 * offers it — or smtps://host:465). One connection per message: notification mail is light, and
 * nothing stays open between runs. The URL holds a password: it is never logged.
 */
export function createSmtpMailer(mail: { smtpUrl: string; from: string }): Mailer {
  const transport = createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    from: mail.from,
    async send(message) {
      try {
        await transport.sendMail({
          from: mail.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          headers: message.headers,
        });
      } catch (err) {
        const e = err as { code?: unknown; responseCode?: unknown };
        const code = typeof e.code === 'string' ? e.code : 'unknown';
        const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
        // 550–553: no such mailbox, mailbox not allowed, bad address. Anything else may pass later.
        const permanent = responseCode !== null && responseCode >= 550 && responseCode <= 553;
        throw new MailSendError(`SMTP error (${code}${responseCode === null ? '' : `, ${responseCode}`})`, permanent);
      }
    },
    close() {
      transport.close();
    },
  };
}
