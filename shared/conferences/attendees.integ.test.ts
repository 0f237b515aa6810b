import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  inviteAndAccept,
  linkToken,
  outbox,
  type Session,
  signInAs,
  stack,
  tableSnapshot,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';

/**
 * Attendees and invitations through the real routes on the local cloud: inviting, SES feedback,
 * resending, revoking, registering with answers, who sees which list, mass updates and the CSV export.
 */
let owner: Session; // northwind-events
let otherOwner: Session; // brightside-plumbing
let orgId: string;

const registrationFields = [
  { key: 'company', type: 'text', label: 'Company', required: true },
  { key: 'meal', type: 'select', label: 'Meal', required: false, options: ['Vegetarian', 'Vegan', 'Any'] },
  { key: 'code_of_conduct', type: 'checkbox', label: 'I accept the code of conduct', required: true },
];

const createConference = (overrides: Record<string, unknown> = {}) =>
  createConferenceAs(owner, {
    name: `Attendee Summit ${uniqueSuffix()}`,
    startDate: '2027-05-04',
    endDate: '2027-05-05',
    registrationFields,
    ...overrides,
  });

const path = (conferenceId: string, rest = '') => `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;

const newEmail = (label = 'guest') => `${label}-${uniqueSuffix()}@example.com`;

const invite = async (conferenceId: string, people: { email: string; name: string }[], extra = {}) => {
  const response = await api('POST', path(conferenceId, '/registrations'), {
    token: owner.token,
    body: { people, ...extra },
  });
  expect(response.status, response.text).toBe(200);
  return response.json as {
    items: { email: string; outcome: string; attendeeId: string }[];
    invited: number;
  };
};

const invitationMail = (email: string) => waitForEmail(email, /invited you to/);
const invitationToken = async (email: string) =>
  linkToken(await invitationMail(email), '/conference-invitation');

const listed = async (conferenceId: string, query = '') => {
  const response = await api('GET', path(conferenceId, `/registrations${query}`), { token: owner.token });
  expect(response.status, response.text).toBe(200);
  return response.json as { items: Record<string, unknown>[]; nextCursor: string | null };
};

const attendeeOf = async (conferenceId: string, attendeeId: string) =>
  (await listed(conferenceId, '?limit=100')).items.find((item) => item.id === attendeeId)!;

const feedback = async (body: Record<string, unknown>) => {
  const response = await fetch(`${stack().url}/_local/ses/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(204);
};

/** Moves an invitation's last send back in time, as if the resend wait had passed. */
const backdateLastSend = async (conferenceId: string, attendeeId: string) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  await db.send(
    new UpdateCommand({
      TableName: 'portico',
      Key: { pk: `ORG#${orgId}#CONF#${conferenceId}#`, sk: `ATTENDEE#${attendeeId}#` },
      UpdateExpression: 'SET lastSentAt = :then',
      ExpressionAttributeValues: { ':then': new Date(Date.now() - 11 * 60_000).toISOString() },
    }),
  );
};

const goodAnswers = { company: 'Initech', meal: 'Vegan', code_of_conduct: true };

const register = (token: string, answers: Record<string, unknown>, name = 'Rita Registrant') =>
  api('POST', '/api/public/conference-invitations/register', {
    body: { token, name, password: 'correct horse battery staple', answers },
  });

beforeAll(async () => {
  [owner, otherOwner] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
});

describe('inviting', () => {
  it('mails each new person a link, reports per person and never invites an email twice', async () => {
    const conference = await createConference();
    const [ada, bob] = [newEmail('ada'), newEmail('bob')];
    const first = await invite(conference.id, [
      { email: ada, name: 'Ada' },
      { email: bob, name: 'Bob' },
    ]);
    expect(first.invited).toBe(2);
    expect(first.items.map((item) => item.outcome)).toEqual(['invited', 'invited']);
    const mail = await invitationMail(ada);
    expect(mail.subject).toContain(conference.name);
    expect(mail.text).toMatch(/\/conference-invitation\?token=[A-Za-z0-9_-]{43}/);

    const again = await invite(conference.id, [{ email: ada.toUpperCase(), name: 'Ada again' }]);
    expect(again.items[0]).toMatchObject({
      email: ada,
      outcome: 'already-invited',
      attendeeId: first.items[0]!.attendeeId,
    });
    expect((await outbox()).filter((m) => m.to.includes(ada))).toHaveLength(1);

    const list = await listed(conference.id);
    expect(list.items.map((item) => [item.email, item.status, item.role])).toEqual([
      [ada, 'sent', 'attendee'],
      [bob, 'sent', 'attendee'],
    ]);
    expect(JSON.stringify(list)).not.toContain('tokenHash');
  });

  it('follows SES: a delivery makes it delivered, a permanent bounce bounced with the reason', async () => {
    const conference = await createConference();
    const [ada, bob] = [newEmail('ada'), newEmail('bob')];
    const { items } = await invite(conference.id, [
      { email: ada, name: 'Ada' },
      { email: bob, name: 'Bob' },
    ]);
    await feedback({ type: 'delivery', recipients: [ada], messageId: (await invitationMail(ada)).id });
    await feedback({ type: 'bounce', recipients: [bob], messageId: (await invitationMail(bob)).id });

    expect(await attendeeOf(conference.id, items[0]!.attendeeId)).toMatchObject({ status: 'delivered' });
    const bounced = await attendeeOf(conference.id, items[1]!.attendeeId);
    expect(bounced).toMatchObject({ status: 'bounced', bounceReason: expect.stringContaining('5.1.1') });
    const filtered = await listed(conference.id, '?status=bounced');
    expect(filtered.items.map((item) => item.email)).toEqual([bob]);
  });

  it('does not mail an address that bounced before: that person starts as bounced', async () => {
    const conference = await createConference();
    const gone = newEmail('gone');
    await feedback({ type: 'bounce', recipients: [gone] });
    const { items } = await invite(conference.id, [{ email: gone, name: 'Gone' }]);
    expect(items[0]!.outcome).toBe('suppressed');
    expect((await outbox()).some((m) => m.to.includes(gone))).toBe(false);
  });
});

describe('resending', () => {
  it('waits between sends, then mails a new link that replaces the old one', async () => {
    const conference = await createConference();
    const email = newEmail();
    const { items } = await invite(conference.id, [{ email, name: 'Rita' }]);
    const attendeeId = items[0]!.attendeeId;
    const oldToken = await invitationToken(email);
    const oldMessage = await invitationMail(email);

    const tooSoon = await api('POST', path(conference.id, `/registrations/${attendeeId}/resend`), {
      token: owner.token,
    });
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(500);

    await backdateLastSend(conference.id, attendeeId);
    const resent = await api('POST', path(conference.id, `/registrations/${attendeeId}/resend`), {
      token: owner.token,
    });
    expect(resent.status, resent.text).toBe(200);
    expect(resent.json).toMatchObject({ status: 'sent', sendCount: 2 });
    const mails = (await outbox()).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(2);
    const newToken = linkToken(mails.find((m) => m.id !== oldMessage.id)!, '/conference-invitation');
    expect(newToken).not.toBe(oldToken);

    expect((await api('GET', `/api/public/conference-invitations/${oldToken}`)).status).toBe(404);
    expect((await api('GET', `/api/public/conference-invitations/${newToken}`)).status).toBe(200);
    // A late bounce of the replaced message says nothing about the new one.
    await feedback({ type: 'bounce', recipients: [email], messageId: oldMessage.id });
    expect(await attendeeOf(conference.id, attendeeId)).toMatchObject({ status: 'sent' });
  });
});

describe('registering', () => {
  it('refuses answers that do not fit the questions and writes nothing', async () => {
    const conference = await createConference();
    const email = newEmail();
    await invite(conference.id, [{ email, name: 'Rita' }]);
    const token = await invitationToken(email);
    const before = await tableSnapshot();

    const missing = await register(token, { meal: 'Vegan' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'answers.code_of_conduct',
      'answers.company',
    ]);
    const notAnOption = await register(token, { ...goodAnswers, meal: 'Steak' });
    expect(notAnOption.json.errors).toEqual([{ path: 'answers.meal', message: expect.any(String) }]);
    const unknown = await register(token, { ...goodAnswers, shoe_size: '44' });
    expect(unknown.json.errors).toEqual([
      { path: 'answers.shoe_size', message: 'Not a question of this event' },
    ]);
    const wrongType = await register(token, { ...goodAnswers, code_of_conduct: 'yes' });
    expect(wrongType.status).toBe(400);
    const controlCharacters = await register(token, { ...goodAnswers, company: 'Ini\u0000tech' });
    expect(controlCharacters.status).toBe(400);

    expect(await tableSnapshot()).toBe(before);
  });

  it('creates a guest account for a new person, keeps the answers and gives the attendee role', async () => {
    const conference = await createConference();
    const email = newEmail();
    const { items } = await invite(conference.id, [{ email, name: 'Rita' }]);
    const token = await invitationToken(email);

    const page = await api('GET', `/api/public/conference-invitations/${token}`);
    expect(page.json).toMatchObject({
      email,
      hasAccount: false,
      conference: { id: conference.id, name: conference.name },
      registrationFields: expect.arrayContaining([expect.objectContaining({ key: 'company' })]),
    });

    const registered = await register(token, { ...goodAnswers, company: '  Initech  ' });
    expect(registered.status, registered.text).toBe(200);
    expect(registered.json.user).toMatchObject({ email, role: 'guest', orgId: null });
    const guest = registered.json.accessToken as string;
    expect((await api('GET', path(conference.id), { token: guest })).json.myRole).toBe('attendee');

    expect(await attendeeOf(conference.id, items[0]!.attendeeId)).toMatchObject({
      status: 'accepted',
      userId: registered.json.user.id,
      answers: { company: 'Initech', meal: 'Vegan', code_of_conduct: true },
    });
    // The link is used up.
    expect((await register(token, goodAnswers)).status).toBe(404);
  });

  it('asks a person with an account to sign in, and only lets that account accept', async () => {
    const conference = await createConference({ registrationFields: [] });
    const admin = await signInAs('admin');
    const member = await inviteAndAccept(admin.token, {
      email: newEmail('member'),
      name: 'Mia Member',
      role: 'member',
      orgId: otherOwner.user.orgId!,
    });
    await invite(conference.id, [{ email: member.user.email, name: 'Mia' }]);
    const token = await invitationToken(member.user.email);
    expect((await api('GET', `/api/public/conference-invitations/${token}`)).json.hasAccount).toBe(true);
    expect((await register(token, {})).status).toBe(409);

    const someoneElse = await api('POST', '/api/conference-invitations/accept', {
      token: otherOwner.token,
      body: { token, answers: {} },
    });
    expect(someoneElse.status).toBe(403);
    const accepted = await api('POST', '/api/conference-invitations/accept', {
      token: member.token,
      body: { token, answers: {} },
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({
      orgId,
      conferenceId: conference.id,
      attendee: { status: 'accepted' },
    });
    // A member of another organization now reaches this one conference, and nothing else of it.
    expect((await api('GET', path(conference.id), { token: member.token })).json.myRole).toBe('attendee');
    expect((await api('GET', `/api/orgs/${orgId}/conferences`, { token: member.token })).status).toBe(404);
  });
});

describe('revoking', () => {
  it('kills the link of a pending invitation and takes an accepted attendee’s role away', async () => {
    const conference = await createConference({ registrationFields: [] });
    const [pending, accepted] = [newEmail('pending'), newEmail('accepted')];
    const { items } = await invite(conference.id, [
      { email: pending, name: 'Pat' },
      { email: accepted, name: 'Acc' },
    ]);
    const pendingToken = await invitationToken(pending);
    const guest = (await register(await invitationToken(accepted), {})).json.accessToken as string;
    expect((await api('GET', path(conference.id), { token: guest })).status).toBe(200);

    for (const item of items) {
      const revoked = await api('POST', path(conference.id, `/registrations/${item.attendeeId}/revoke`), {
        token: owner.token,
      });
      expect(revoked.json.status).toBe('revoked');
    }
    expect((await api('GET', `/api/public/conference-invitations/${pendingToken}`)).status).toBe(404);
    expect((await api('GET', path(conference.id), { token: guest })).status).toBe(404);
  });
});

describe('access', () => {
  it('keeps attendee lists to their organizers: other conferences and organizations answer 404', async () => {
    const [first, second] = [await createConference({ registrationFields: [] }), await createConference()];
    const email = newEmail();
    await invite(first.id, [{ email, name: 'Rita' }]);
    const guest = (await register(await invitationToken(email), {})).json.accessToken as string;

    expect((await api('GET', path(first.id, '/registrations'), { token: guest })).status).toBe(403);
    expect((await api('GET', path(second.id, '/registrations'), { token: guest })).status).toBe(404);
    const foreign = await api('GET', path(first.id, '/registrations'), { token: otherOwner.token });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain(email);
    const mine = await api('GET', '/api/me/conferences', { token: guest });
    expect(mine.json.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
  });
});

describe('the attendee list', () => {
  it('pages with opaque cursors, searches and filters by role and group', async () => {
    const conference = await createConference();
    const people = Array.from({ length: 7 }, (_, i) => ({ email: newEmail(`p${i}`), name: `Person ${i}` }));
    await invite(conference.id, people.slice(0, 4), { group: 'Press' });
    await invite(conference.id, people.slice(4), { role: 'speaker' });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listed(conference.id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.email as string));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(people.map((p) => p.email));

    expect((await listed(conference.id, '?group=Press')).items).toHaveLength(4);
    expect((await listed(conference.id, '?role=speaker')).items.map((i) => i.email)).toEqual(
      people.slice(4).map((p) => p.email),
    );
    expect((await listed(conference.id, '?q=person%205')).items.map((i) => i.email)).toEqual([
      people[5]!.email,
    ]);
    const forged = Buffer.from(JSON.stringify({ pk: `ORG#${otherOwner.user.orgId}#`, sk: 'X#' })).toString(
      'base64url',
    );
    expect(
      (await api('GET', path(conference.id, `/registrations?cursor=${forged}`), { token: owner.token }))
        .status,
    ).toBe(400);
  });

  it('applies mass updates to a selection or to a filter result in batches, with a summary', async () => {
    const conference = await createConference();
    const people = Array.from({ length: 5 }, (_, i) => ({ email: newEmail(`m${i}`), name: `Mass ${i}` }));
    const { items } = await invite(conference.id, people);
    const ids = items.map((item) => item.attendeeId);

    const selection = await api('POST', path(conference.id, '/registrations/mass-update'), {
      token: owner.token,
      body: {
        change: { networking: 'none' },
        target: { ids: [ids[0], ids[1], '01J00000000000000000000000'] },
      },
    });
    expect(selection.json).toMatchObject({
      matched: 2,
      updated: 2,
      unchanged: 0,
      missing: ['01J00000000000000000000000'],
    });
    expect((await listed(conference.id, '?networking=none')).items.map((i) => i.id)).toEqual([
      ids[0],
      ids[1],
    ]);

    const byFilter = await api('POST', path(conference.id, '/registrations/mass-update'), {
      token: owner.token,
      body: {
        change: { group: 'Sponsors', networking: 'groups' },
        target: { filter: { networking: 'none' } },
      },
    });
    expect(byFilter.json).toMatchObject({ matched: 2, updated: 2, nextCursor: null });
    const again = await api('POST', path(conference.id, '/registrations/mass-update'), {
      token: owner.token,
      body: { change: { group: 'Sponsors' }, target: { filter: { group: 'Sponsors' } } },
    });
    expect(again.json).toMatchObject({ matched: 2, updated: 0, unchanged: 2 });

    const revoke = await api('POST', path(conference.id, '/registrations/mass-update'), {
      token: owner.token,
      body: { change: { status: 'revoked' }, target: { filter: { status: 'sent' } } },
    });
    expect(revoke.json).toMatchObject({ matched: 5, updated: 5 });
    expect((await listed(conference.id, '?status=revoked')).items).toHaveLength(5);
  });

  it('edits one attendee with its version and refuses a stale one', async () => {
    const conference = await createConference();
    const { items } = await invite(conference.id, [{ email: newEmail(), name: 'Rita' }]);
    const attendeeId = items[0]!.attendeeId;
    const edited = await api('PATCH', path(conference.id, `/registrations/${attendeeId}`), {
      token: owner.token,
      body: { version: 1, group: 'Crew', role: 'organizer' },
    });
    expect(edited.json).toMatchObject({ version: 2, group: 'Crew', role: 'organizer' });
    const stale = await api('PATCH', path(conference.id, `/registrations/${attendeeId}`), {
      token: owner.token,
      body: { version: 1, group: 'Lost' },
    });
    expect(stale.status).toBe(409);
    const hostile = await api('PATCH', path(conference.id, `/registrations/${attendeeId}`), {
      token: owner.token,
      body: { version: 2, group: 'Crew\r\nBcc: x@example.com' },
    });
    expect(hostile.status).toBe(400);
  });

  it('exports as CSV with a column per question and formula-looking cells defused', async () => {
    const conference = await createConference();
    await invite(conference.id, [{ email: newEmail(), name: '=HYPERLINK("https://evil.example","click")' }]);
    const response = await api('GET', path(conference.id, '/registrations/export'), { token: owner.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const [header, row] = response.text.split('\r\n');
    expect(header).toBe(
      'Name,Email,Role,Status,Group,Networking,Invited (Europe/Berlin),Registered (Europe/Berlin),Company,Meal,I accept the code of conduct,Attendee id',
    );
    expect(row!.startsWith(`"'=HYPERLINK(""https://evil.example"",""click"")"`)).toBe(true);
  });
});
