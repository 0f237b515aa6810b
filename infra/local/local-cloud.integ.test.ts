import { describe, expect, it } from 'vitest';
import { api, eventsSettled, signInAs, stack, uniqueSuffix, waitForEmail } from '../../test/integ/api';

describe('the WebSocket API', () => {
  it('answers 410 Gone for a connection that is not there', async () => {
    const response = await fetch(`${stack().url}/@connections/not-a-connection`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(410);
  });
});

describe('the scheduler and due items', () => {
  it('tells the inviter when an invitation expires unused, and not for one resent since', async () => {
    const admin = await signInAs('admin');
    const orgId = (await signInAs('owner', 'northwind-events')).user.orgId!;
    const expiring = `expiring-${uniqueSuffix()}@example.com`;
    const resent = `resent-${uniqueSuffix()}@example.com`;
    for (const email of [expiring, resent]) {
      const invited = await api('POST', '/api/users', {
        token: admin.token,
        body: { email, name: 'Late Larry', role: 'member', orgId },
      });
      expect(invited.status).toBe(201);
    }
    const resentUser = (
      await api('GET', `/api/users?q=${encodeURIComponent(resent)}`, { token: admin.token })
    ).json.items[0];
    expect(
      (await api('POST', `/api/users/${resentUser.id}/resend-invitation`, { token: admin.token })).status,
    ).toBe(200);

    // Seven days and a minute later, as the per-minute schedule would see it.
    const later = new Date(Date.now() + 7 * 86400_000 + 60_000).toISOString();
    const tick = await fetch(`${stack().url}/_local/schedules/due-work/every-minute?time=${later}`, {
      method: 'POST',
    });
    expect(tick.status).toBe(204);

    const notice = await waitForEmail(
      'admin@portico.localhost',
      new RegExp(`invitation for ${expiring.replace('.', '\\.')} expired`),
    );
    expect(notice.text).toContain('did not accept the invitation within 7 days');
    const outbox = (await (await fetch(`${stack().url}/_local/outbox.json`)).json()) as { subject: string }[];
    // The resent invitation had two links due by now; the replaced one is skipped: one notice, not two.
    expect(outbox.filter((m) => m.subject.includes(`invitation for ${resent} expired`))).toHaveLength(1);
    expect(outbox.filter((m) => m.subject.includes(`invitation for ${expiring} expired`))).toHaveLength(1);
  });
});

describe('the event bus', () => {
  it('delivers a published event to the matching consumer exactly once', async () => {
    const admin = await signInAs('admin');
    const orgId = (await signInAs('owner', 'northwind-events')).user.orgId!;
    const email = `joiner-${uniqueSuffix()}@example.com`;
    await api('POST', '/api/users', {
      token: admin.token,
      body: { email, name: 'Joy Joiner', role: 'member', orgId },
    });
    const invitation = await waitForEmail(email, /invited you/);
    const token = /invitation\?token=([\w-]+)/.exec(invitation.text)![1];
    const accepted = await api('POST', '/api/auth/invitations/accept', {
      body: { token, name: 'Joy Joiner', password: 'a long enough passphrase' },
    });
    expect(accepted.status).toBe(200);
    await eventsSettled();
    const notice = await waitForEmail('admin@portico.localhost', /Joy Joiner accepted your invitation/);
    expect(notice.text).toContain(email);
    const deadLetters = (await (await fetch(`${stack().url}/_local/dead-letters.json`)).json()) as unknown[];
    expect(deadLetters).toEqual([]);
  });

  it('answers the SDK PutEvents protocol and refuses an unknown bus', async () => {
    const response = await fetch(stack().url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [{ EventBusName: 'nope', Source: 'portico', DetailType: 'x', Detail: '{}' }],
      }),
    });
    expect(await response.json()).toMatchObject({ FailedEntryCount: 1 });
  });
});

describe('the outbox page', () => {
  it('lists sent mail with each message rendered in a sandboxed frame', async () => {
    const html = await (await fetch(`${stack().url}/_local/outbox`)).text();
    expect(html).toContain('Local outbox');
    expect(html).toContain('<iframe');
    expect(html).toContain('sandbox');
  });
});
