import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  outbox,
  publishedEvents,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';

const busFaults = (method: 'GET' | 'POST' | 'DELETE', body?: unknown) =>
  fetch(`${stack().url}/_local/events/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let admin: Session;
let orgId: string;

beforeAll(async () => {
  admin = await signInAs('admin');
  orgId = (await createOrganization(admin.token, `Outbox Org ${uniqueSuffix()}`)).id;
});

afterEach(async () => {
  await busFaults('DELETE');
});

describe('the outbox', () => {
  it('delivers an event whose PutEvents the bus refused after the write committed', async () => {
    // Prepare: the bus refuses the next user.joined, as EventBridge now and then refuses an entry.
    await busFaults('POST', { detailType: 'user.joined', remaining: 1 });
    const name = `Outbox Invitee ${uniqueSuffix()}`;

    // Act
    const joined = await inviteAndAccept(admin.token, {
      email: `${name.replaceAll(' ', '.').toLowerCase()}@example.com`,
      name,
      role: 'member',
      orgId,
    });
    await eventsSettled();

    // Assess: the refusal happened, the relay tried again, and the consumer acted once.
    expect(await (await busFaults('GET')).json()).toEqual([]);
    const notice = await waitForEmail(admin.user.email, new RegExp(`${name} accepted your invitation`));
    expect(notice.text).toContain(name);
    const notices = (await outbox()).filter((message) => message.subject.includes(name));
    expect(notices.filter((message) => message.subject.includes('accepted'))).toHaveLength(1);
    const relayed = (await publishedEvents()).filter(
      (event) => event['detail-type'] === 'user.joined' && event.detail.joinedUserId === joined.user.id,
    );
    expect(relayed).toHaveLength(1);
    expect(relayed[0]!.detail.eventId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('relays each committed write once, with the outbox item id as its event id', async () => {
    // Act
    const renamed = `Outbox Renamed ${uniqueSuffix()}`;
    const current = await fetch(`${stack().url}/api/orgs/${orgId}`, {
      headers: { authorization: `Bearer ${admin.token}` },
    }).then((response) => response.json() as Promise<{ version: number }>);
    const update = (version: number) =>
      fetch(`${stack().url}/api/orgs/${orgId}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: renamed, version }),
      });
    const saved = await update(current.version);
    const stale = await update(current.version);
    await eventsSettled();

    // Assess: the refused write (409) announced nothing.
    expect(saved.status).toBe(200);
    expect(stale.status).toBe(409);
    const updates = (await publishedEvents()).filter(
      (event) => event['detail-type'] === 'organization.updated' && event.detail.orgId === orgId,
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]!.detail).toMatchObject({
      fields: ['name'],
      eventId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    });
  });
});
