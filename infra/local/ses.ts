import { randomUUID } from 'node:crypto';
import type { Outbox } from './outbox';

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const xml = (action: string, result: string): EmulatorResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body: `<${action}Response xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
});

const error = (code: string, message: string): EmulatorResponse => ({
  status: 400,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
});

const members = (form: URLSearchParams, prefix: string): string[] => {
  const values: string[] = [];
  for (let i = 1; form.has(`${prefix}.member.${i}`); i++) values.push(form.get(`${prefix}.member.${i}`)!);
  return values;
};

/** The SES v1 query API as the SDK's `SendEmail` speaks it; mail lands in the outbox. */
export const handleSes = (body: string, outbox: Outbox): EmulatorResponse => {
  const form = new URLSearchParams(body);
  const action = form.get('Action');
  if (action !== 'SendEmail')
    return error('InvalidAction', `The local SES supports SendEmail, not ${action}`);
  const to = [
    ...members(form, 'Destination.ToAddresses'),
    ...members(form, 'Destination.CcAddresses'),
    ...members(form, 'Destination.BccAddresses'),
  ];
  const from = form.get('Source');
  if (!from || to.length === 0)
    return error('MessageRejected', 'Source and at least one recipient are required');
  const message = outbox.add({
    from,
    to,
    subject: form.get('Message.Subject.Data') ?? '',
    text: form.get('Message.Body.Text.Data') ?? '',
    html: form.get('Message.Body.Html.Data') ?? '',
  });
  return xml('SendEmail', `<MessageId>${message.id}</MessageId>`);
};
