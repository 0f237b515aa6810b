import type { SESClient } from '@aws-sdk/client-ses';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import { buildMimeMessage } from './mime';
import type { RenderedEmail } from './render';

const mailFrom = requireEnv('MAIL_FROM');

type Ses = typeof import('@aws-sdk/client-ses');

// Loaded on first send: most requests of a function that can send mail never do, and the SES client
// would otherwise cost every cold start ~45 ms.
let ses:
  | Promise<{
      client: SESClient;
      SendEmailCommand: Ses['SendEmailCommand'];
      SendRawEmailCommand: Ses['SendRawEmailCommand'];
    }>
  | undefined;
const sesClient = () => {
  ses ??= import('@aws-sdk/client-ses').then(({ SESClient, SendEmailCommand, SendRawEmailCommand }) => ({
    client: new SESClient(clientOptions('SES')),
    SendEmailCommand,
    SendRawEmailCommand,
  }));
  return ses;
};

/** Sends one rendered email through SES (locally: the outbox). Returns SES's message id. */
export const sendEmail = async (to: string[], email: RenderedEmail): Promise<string> => {
  if (email.unsubscribeUrl) return sendRawEmail(to, email);
  const { client, SendEmailCommand } = await sesClient();
  const result = await client.send(
    new SendEmailCommand({
      Source: mailFrom,
      Destination: { ToAddresses: to },
      Message: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
      },
    }),
  );
  return result.MessageId ?? '';
};

export interface RawEmailOptions {
  /**
   * Who the mail is from, shown as "<name> via <sender>"; the address stays MAIL_FROM's, the one SES
   * verified. @default MAIL_FROM's own name
   */
  readonly senderName?: string;
  readonly replyTo?: string;
}

const senderAddress = (/<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
const senderName = /^\s*"?([^"<]*?)"?\s*</.exec(mailFrom)?.[1] ?? '';

/**
 * The MIME message of an email: an email with an unsubscribe link gets `List-Unsubscribe` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), which mail clients show as an
 * unsubscribe button. `fromAddress` sends it as another mailbox (an organization's own Gmail account), named
 * `senderName`; without it the mail is from MAIL_FROM, as "<senderName> via <MAIL_FROM's name>".
 */
export const mimeEmail = (
  to: string[],
  email: RenderedEmail,
  options: RawEmailOptions & { readonly fromAddress?: string } = {},
): string => {
  const name = options.fromAddress
    ? (options.senderName ?? '')
    : options.senderName
      ? `${options.senderName} via ${senderName || 'Portico'}`
      : senderName;
  const address = options.fromAddress ?? senderAddress;
  const headers: Record<string, string> = {};
  if (options.replyTo) headers['Reply-To'] = options.replyTo;
  if (email.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${email.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return buildMimeMessage({
    from: name ? `${name.replace(/[<>"]/g, '')} <${address}>` : address,
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers,
  });
};

/**
 * Sends a MIME message through `SendRawEmail`, so it can carry headers SES's `SendEmail` cannot set, such
 * as `List-Unsubscribe` (see {@link mimeEmail}).
 */
export const sendRawEmail = async (
  to: string[],
  email: RenderedEmail,
  options: RawEmailOptions = {},
): Promise<string> => {
  const { client, SendRawEmailCommand } = await sesClient();
  const result = await client.send(
    new SendRawEmailCommand({
      Source: senderAddress,
      Destinations: to,
      RawMessage: { Data: Buffer.from(mimeEmail(to, email, options), 'utf8') },
    }),
  );
  return result.MessageId ?? '';
};
