import { beforeAll, describe, expect, it } from 'vitest';
import { api, outbox, type Session, signInAs, uniqueSuffix } from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';
import { configureAsFunction } from '../../test/integ/round-trips';
import { recordRoundTrips } from '../../test/round-trip-recorder';
import type { Principal } from '../auth/policy';
import { attendeeKeys, emailKeys } from '../db/keys';

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
  configureAsFunction();
  ({ upsertAttendeesByEmail: upsert } = await import('./attendees'));
});

const createConference = () =>
  createConferenceAs(owner, {
    name: `Imported ${uniqueSuffix()}`,
    startDate: '2027-09-01',
    endDate: '2027-09-02',
    timeZone: 'UTC',
  });

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

  it("reads each new person's invitee guard and suppression once in a batch", async () => {
    const orgId = owner.user.orgId!;
    const conference = await createConference();
    const emails = [1, 2, 3].map((n) => `once-${n}-${uniqueSuffix()}@example.com`);
    const { dynamo } = await import('../aws/dynamo');
    const recorder = recordRoundTrips(dynamo);
    try {
      const { counts } = await upsert(
        principal,
        orgId,
        conference.id,
        emails.map((email) => ({ email, name: 'Once', role: 'attendee', group: null, networking: 'all' })),
      );
      expect(counts).toEqual({ new: 3, updated: 0, unchanged: 0 });
    } finally {
      recorder.stop();
    }
    // The recorder sees the low-level command, with keys in DynamoDB's attribute-value form.
    type Key = { pk: { S: string }; sk: { S: string } };
    const keysRead = recorder
      .trips()
      .flat()
      .filter((sent) => sent.command === 'BatchGetItemCommand')
      .flatMap((sent) =>
        Object.values((sent.input as { RequestItems: Record<string, { Keys: Key[] }> }).RequestItems),
      )
      .flatMap(({ Keys }) => Keys.map((key) => `${key.pk.S} ${key.sk.S}`));
    expect(keysRead.length).toBeGreaterThan(0);
    for (const email of emails) {
      for (const key of [attendeeKeys.invitee(orgId, conference.id, email), emailKeys.suppression(email)])
        expect(keysRead.filter((read) => read === `${key.pk} ${key.sk}`)).toHaveLength(1);
    }
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
