import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import type { RenderedEmail } from './render';

const ses = new SESClient(clientOptions('SES'));
const mailFrom = requireEnv('MAIL_FROM');

/** Sends one rendered email through SES (locally: the outbox). Returns SES's message id. */
export const sendEmail = async (to: string[], email: RenderedEmail): Promise<string> => {
  const result = await ses.send(
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
