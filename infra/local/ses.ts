import { randomUUID } from 'node:crypto';
import { parseMimeMessage } from './mime-parse';
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

export interface SesFault {
  /** Only mail to this address fails; every send when unset. */
  readonly to?: string;
  /** An SES error code: `MessageRejected` (400), `Throttling` (400) or `ServiceUnavailable` (503). */
  readonly code: string;
  readonly message: string;
  /** How many sends fail before SES recovers; until cleared when unset. */
  remaining?: number;
}

/**
 * Failures a test or developer injects into the local SES (`POST /_local/ses/faults`): the next sends
 * (to one address, or all) fail the way SES does, so retries, failed runs and dead letters can be seen.
 */
export class SesFaults {
  private faults: SesFault[] = [];

  add(fault: SesFault): void {
    this.faults.push({ ...fault, to: fault.to?.toLowerCase() });
  }

  clear(): void {
    this.faults = [];
  }

  list(): readonly SesFault[] {
    return this.faults;
  }

  /** The fault that applies to a send to these recipients, used up by one. */
  take(recipients: readonly string[]): SesFault | undefined {
    const fault = this.faults.find(
      (candidate) => !candidate.to || recipients.some((to) => to.toLowerCase() === candidate.to),
    );
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining--;
      if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }
}

const faultResponse = (fault: SesFault): EmulatorResponse => {
  const response = error(fault.code, fault.message);
  return fault.code === 'ServiceUnavailable'
    ? {
        ...response,
        status: 503,
        body: response.body.replace('<Type>Sender</Type>', '<Type>Receiver</Type>'),
      }
    : response;
};

/** `Name <address>, other@x` → the addresses. */
const addressesOf = (header: string | undefined): string[] =>
  (header ?? '')
    .split(',')
    .map((part) => /<([^<>]+)>/.exec(part)?.[1] ?? part.trim())
    .filter((address) => address.includes('@'));

/**
 * The SES v1 query API as the SDK's `SendEmail` and `SendRawEmail` speak it; mail lands in the outbox. A
 * raw message keeps its headers (`List-Unsubscribe` and the like), which the outbox shows.
 */
export const handleSes = (body: string, outbox: Outbox, faults?: SesFaults): EmulatorResponse => {
  const form = new URLSearchParams(body);
  const action = form.get('Action');
  if (action === 'SendRawEmail') {
    const data = form.get('RawMessage.Data');
    if (!data) return error('InvalidParameterValue', 'RawMessage.Data is required');
    const parsed = parseMimeMessage(Buffer.from(data, 'base64').toString('utf8'));
    const destinations = members(form, 'Destinations');
    const to = destinations.length
      ? destinations
      : [...addressesOf(parsed.headers.to), ...addressesOf(parsed.headers.cc)];
    const from = parsed.headers.from ?? form.get('Source');
    if (!from || to.length === 0)
      return error('MessageRejected', 'A From header and at least one recipient are required');
    const fault = faults?.take(to);
    if (fault) return faultResponse(fault);
    const message = outbox.add({
      from,
      to,
      subject: parsed.headers.subject ?? '',
      text: parsed.text,
      html: parsed.html,
      headers: parsed.headers,
    });
    return xml('SendRawEmail', `<MessageId>${message.id}</MessageId>`);
  }
  if (action !== 'SendEmail')
    return error('InvalidAction', `The local SES supports SendEmail and SendRawEmail, not ${action}`);
  const to = [
    ...members(form, 'Destination.ToAddresses'),
    ...members(form, 'Destination.CcAddresses'),
    ...members(form, 'Destination.BccAddresses'),
  ];
  const from = form.get('Source');
  if (!from || to.length === 0)
    return error('MessageRejected', 'Source and at least one recipient are required');
  const fault = faults?.take(to);
  if (fault) return faultResponse(fault);
  const message = outbox.add({
    from,
    to,
    subject: form.get('Message.Subject.Data') ?? '',
    text: form.get('Message.Body.Text.Data') ?? '',
    html: form.get('Message.Body.Html.Data') ?? '',
  });
  return xml('SendEmail', `<MessageId>${message.id}</MessageId>`);
};
