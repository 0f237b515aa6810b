import type { SESClient } from '@aws-sdk/client-ses';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import type { RenderedEmail } from './render';

const mailFrom = requireEnv('MAIL_FROM');

// Loaded on first send: most requests of a function that can send mail never do, and the SES client
// would otherwise cost every cold start ~45 ms.
let ses:
  | Promise<{ client: SESClient; SendEmailCommand: typeof import('@aws-sdk/client-ses').SendEmailCommand }>
  | undefined;
const sesClient = () => {
  ses ??= import('@aws-sdk/client-ses').then(({ SESClient, SendEmailCommand }) => ({
    client: new SESClient(clientOptions('SES')),
    SendEmailCommand,
  }));
  return ses;
};

/** Sends one rendered email through SES (locally: the outbox). Returns SES's message id. */
export const sendEmail = async (to: string[], email: RenderedEmail): Promise<string> => {
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
