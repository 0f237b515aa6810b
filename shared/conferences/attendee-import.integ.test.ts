import { beforeAll, describe, expect, it } from 'vitest';
import { api, outbox, type Session, signInAs, stack, uniqueSuffix } from '../../test/integ/api';
import type { Principal } from '../auth/policy';

/**
 * The attendee import's target, called directly (as the import pipeline will) against the local cloud:
 * upserts by email in batches, idempotently, inviting only new people.
 */
let owner: Session; // northwind-events
let principal: Principal;
let upsert: typeof import('./attendees').upsertAttendeesByEmail;

beforeAll(async () => {
  owner = await signInAs('owner', 'northwind-events');
  principal = {
    userId: owner.user.id,
    email: owner.user.email,
    name: 'Nora Owner',
    role: 'owner',
    orgId: owner.user.orgId,
  };
  // The same configuration the local cloud gives its handlers, read when the modules load.
  Object.assign(process.env, {
    TABLE_NAME: 'portico',
    EVENT_BUS_NAME: 'portico',
    DYNAMODB_ENDPOINT: stack().endpoints.dynamodb,
    SES_ENDPOINT: stack().url,
    EVENTS_ENDPOINT: stack().url,
    MAIL_FROM: 'Portico <no-reply@portico.localhost>',
    APP_URL: stack().url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ upsertAttendeesByEmail: upsert } = await import('./attendees'));
});

const createConference = async () => {
  const response = await api('POST', `/api/orgs/${owner.user.orgId}/conferences`, {
    token: owner.token,
    body: {
      name: `Imported ${uniqueSuffix()}`,
      startDate: '2027-09-01',
      endDate: '2027-09-02',
      timeZone: 'UTC',
    },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string };
};

const mailsTo = async (email: string) =>
  (await outbox()).filter((message) => message.to.includes(email)).length;

describe('upserting attendees by email', () => {
  it('creates and invites new people, updates known ones, and changes nothing when run again', async () => {
    const conference = await createConference();
    const orgId = owner.user.orgId!;
    const address = (label: string) => `${label}-${uniqueSuffix()}@example.com`;
    const [known, fresh, other] = [address('known'), address('fresh'), address('other')];
    const invited = await api('POST', `/api/orgs/${orgId}/conferences/${conference.id}/registrations`, {
      token: owner.token,
      body: { people: [{ email: known, name: 'Kim Known' }] },
    });
    expect(invited.status).toBe(200);

    const rows = [
      { email: known, name: 'Kim Known', group: 'Press' },
      { email: fresh, name: 'Fred Fresh', networking: 'none' as const },
      { email: other, name: 'Olga Other', role: 'speaker' as const },
    ];
    const first = await upsert(principal, orgId, conference.id, rows);
    expect(first.counts).toEqual({ new: 2, updated: 1, unchanged: 0 });
    expect(first.items.map((item) => item.outcome)).toEqual(['updated', 'new', 'new']);
    expect(await mailsTo(fresh)).toBe(1);
    expect(await mailsTo(known)).toBe(1);

    const again = await upsert(principal, orgId, conference.id, rows);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3 });
    expect(again.items.map((item) => item.attendeeId)).toEqual(first.items.map((item) => item.attendeeId));
    expect(await mailsTo(fresh)).toBe(1);

    const list = await api('GET', `/api/orgs/${orgId}/conferences/${conference.id}/registrations`, {
      token: owner.token,
    });
    expect(
      list.json.items.map((a: Record<string, unknown>) => [
        a.email,
        a.group,
        a.networking,
        a.role,
        a.source,
        a.version,
      ]),
    ).toEqual([
      [known, 'Press', 'all', 'attendee', 'invitation', 2],
      // New people are created with their row's settings: one write each.
      [fresh, null, 'none', 'attendee', 'import', 1],
      [other, null, 'all', 'speaker', 'import', 1],
    ]);
  });

  it('refuses a batch larger than the import pipeline may send', async () => {
    const conference = await createConference();
    const rows = Array.from({ length: 101 }, (_, i) => ({
      email: `bulk-${i}-${uniqueSuffix()}@example.com`,
      name: 'Bulk',
    }));
    await expect(upsert(principal, owner.user.orgId!, conference.id, rows)).rejects.toThrow(RangeError);
  });
});
