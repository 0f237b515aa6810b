import { describe, expect, it } from 'vitest';
import { buildMimeMessage } from '../../shared/email/mime';
import { Outbox } from './outbox';
import { handleSes, SesFaults } from './ses';

const rawSend = (to: string) =>
  new URLSearchParams({
    Action: 'SendRawEmail',
    Source: 'no-reply@portico.localhost',
    'Destinations.member.1': to,
    'RawMessage.Data': Buffer.from(
      buildMimeMessage({
        from: 'Acme via Portico <no-reply@portico.localhost>',
        to: [to],
        subject: 'Grüße',
        text: 'Hello',
        html: '<p>Hello</p>',
        headers: {
          'List-Unsubscribe': '<https://x.test/u>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      }),
    ).toString('base64'),
  }).toString();

describe('the local SES', () => {
  it('takes SendRawEmail into the outbox with its headers, and shows them on the outbox page', () => {
    const outbox = new Outbox(undefined);
    const response = handleSes(rawSend('ada@example.com'), outbox);
    expect(response.status).toBe(200);
    expect(response.body).toContain('<SendRawEmailResult><MessageId>');
    const [message] = outbox.list();
    expect(message).toMatchObject({
      to: ['ada@example.com'],
      subject: 'Grüße',
      text: 'Hello',
      html: '<p>Hello</p>',
    });
    expect(message!.headers?.['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(outbox.renderPage()).toContain('List-Unsubscribe: <code>&lt;https://x.test/u&gt;</code>');
  });

  it('fails injected sends the way SES does, for one address or all, a number of times or until cleared', () => {
    const outbox = new Outbox(undefined);
    const faults = new SesFaults();
    faults.add({ to: 'Ada@Example.com', code: 'MessageRejected', message: 'No', remaining: 1 });
    expect(handleSes(rawSend('bob@example.com'), outbox, faults).status).toBe(200);
    const refused = handleSes(rawSend('ada@example.com'), outbox, faults);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<Code>MessageRejected</Code>');
    expect(handleSes(rawSend('ada@example.com'), outbox, faults).status).toBe(200);

    faults.add({ code: 'ServiceUnavailable', message: 'Down' });
    expect(handleSes(rawSend('bob@example.com'), outbox, faults).status).toBe(503);
    expect(handleSes(rawSend('bob@example.com'), outbox, faults).status).toBe(503);
    faults.clear();
    expect(handleSes(rawSend('bob@example.com'), outbox, faults).status).toBe(200);
    expect(outbox.list()).toHaveLength(3);
  });
});
