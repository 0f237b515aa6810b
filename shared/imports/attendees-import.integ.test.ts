import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  inviteAndAccept,
  outbox,
  type Session,
  signInAs,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';
import type { AttendeeView } from '../conferences/attendee-contracts';
import type { ImportView, PreviewView } from './contracts';

/**
 * CSV imports of a conference's attendees through the local cloud: the same pipeline as leads (presigned
 * POST, preview, dry run, background run), filling the conference's roster by email and mailing each new
 * attendee an invitation. Every test uses an organization and a conference of its own, so counts are exact.
 */

let admin: Session;

beforeAll(async () => {
  admin = await signInAs('admin');
});

const newConference = async () => {
  const org = await createOrganization(admin.token, `Attendee Import Org ${uniqueSuffix()}`);
  const owner = await inviteAndAccept(admin.token, {
    email: `owner-${uniqueSuffix()}@example.com`,
    name: 'Olive Organizer',
    role: 'owner',
    orgId: org.id,
  });
  const created = await api('POST', `/api/orgs/${org.id}/conferences`, {
    token: owner.token,
    body: {
      name: 'Import Summit',
      startDate: '2027-10-04',
      endDate: '2027-10-05',
      timeZone: 'Europe/Berlin',
    },
  });
  expect(created.status, created.text).toBe(201);
  return { org, owner, conferenceId: created.json.id as string };
};

const importsPath = (orgId: string) => `/api/orgs/${orgId}/imports`;

/** Starts an attendee import, posts the file to the presigned POST and answers the first preview. */
const uploadCsv = async (token: string, orgId: string, conferenceId: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  const created = await api('POST', importsPath(orgId), {
    token,
    body: { target: 'attendees', conferenceId, fileName: 'attendees.csv', size: bytes.length },
  });
  expect(created.status, created.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(created.json.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([bytes]), 'attendees.csv');
  expect((await fetch(created.json.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const preview = await api('POST', `${importsPath(orgId)}/${created.json.import.id}/uploaded`, { token });
  expect(preview.status, preview.text).toBe(200);
  return preview.json as PreviewView;
};

/** Polls until the import reaches `status`; answers every state seen on the way. */
const waitFor = async (token: string, orgId: string, importId: string, status: string) => {
  const seen: ImportView[] = [];
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await api('GET', `${importsPath(orgId)}/${importId}`, { token });
    expect(response.status, response.text).toBe(200);
    seen.push(response.json);
    if (response.json.status === status) return seen;
    if (response.json.status === 'failed') throw new Error(`Import failed: ${response.json.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Import did not reach ${status}: ${JSON.stringify(seen.at(-1))}`);
};

const checkAndRun = async (token: string, orgId: string, preview: PreviewView) => {
  const id = preview.import.id;
  const checking = await api('POST', `${importsPath(orgId)}/${id}/check`, { token, body: preview.settings });
  expect(checking.status, checking.text).toBe(202);
  const checked = (await waitFor(token, orgId, id, 'checked')).at(-1)!;
  const running = await api('POST', `${importsPath(orgId)}/${id}/run`, { token });
  expect(running.status, running.text).toBe(202);
  const states = await waitFor(token, orgId, id, 'completed');
  return { checked, states, done: states.at(-1)! };
};

const rosterOf = async (token: string, orgId: string, conferenceId: string) =>
  (
    await walkPages<AttendeeView>(
      `/api/orgs/${orgId}/conferences/${conferenceId}/registrations?limit=100`,
      token,
    )
  ).flat();

const invitationsTo = async (emails: readonly string[]) =>
  (await outbox()).filter((message) => emails.some((address) => message.to.includes(address))).length;

describe('importing attendees from a CSV file', () => {
  it('imports the demo file the README offers, refusing exactly the three rows it names', async () => {
    const { org, owner, conferenceId } = await newConference();
    const csv = readFileSync(
      new URL('../../infra/local/demo/northwind-attendees.csv', import.meta.url),
      'utf8',
    );
    const preview = await uploadCsv(owner.token, org.id, conferenceId, csv);
    expect(preview.settings.mapping).toEqual(['name', 'email', 'role', 'group']);
    const { checked, done } = await checkAndRun(owner.token, org.id, preview);
    expect(checked.totalRows).toBe(50);
    expect(checked.rejectedSample.map(({ line, column }) => [line, column])).toEqual([
      [9, 'Email'],
      [22, 'Email'],
      [41, 'Role'],
    ]);
    expect(checked.rejectedRows).toBe(3);
    expect(done.run).toMatchObject({ new: 47 });
    expect(await rosterOf(owner.token, org.id, conferenceId)).toHaveLength(47);
  });

  it('dry-runs with every bad row named by line, imports and invites, and a re-import changes nothing', async () => {
    const { org, owner, conferenceId } = await newConference();
    const tag = uniqueSuffix();
    const known = `known-${tag}@example.com`;
    const invited = await api('POST', `/api/orgs/${org.id}/conferences/${conferenceId}/registrations`, {
      token: owner.token,
      body: { people: [{ email: known, name: 'Kim Known' }] },
    });
    expect(invited.status, invited.text).toBe(200);
    const fresh = [`ada-${tag}@example.com`, `bo-${tag}@example.com`, `cy-${tag}@example.com`];
    const csv = [
      '\uFEFFVorname;Nachname;E-Mail;Rolle;Gruppe',
      `Ada;Lovelace;${fresh[0]};speaker;`,
      `Bo;Berg;${fresh[1]};;Press`,
      'Cee;Nomail;not-an-email;;',
      `Kim;Known;${known.toUpperCase()};;Press`,
      `Cy;Chen;${fresh[2]};organizer;`,
      `Ada;Again;${fresh[0]};;`,
      `;;${`nameless-${tag}@example.com`};;`,
      `Cy;Chen;${fresh[2]};attendee;`,
    ].join('\r\n');

    const preview = await uploadCsv(owner.token, org.id, conferenceId, csv);
    expect(preview.import).toMatchObject({ target: 'attendees', conferenceId });
    expect(preview.import.detected).toMatchObject({ bom: 'utf-8', delimiter: ';', hasHeader: true });
    expect(preview.settings.mapping).toEqual(['firstName', 'lastName', 'email', 'role', 'group']);
    expect(preview.missing).toEqual([]);

    const { checked, done } = await checkAndRun(owner.token, org.id, preview);
    expect(checked.totalRows).toBe(8);
    expect(checked.rejectedSample.map(({ line, column, message }) => [line, column, message])).toEqual([
      [4, 'Email', 'Must be an email address'],
      [6, 'Role', 'Must be attendee or speaker'],
      [7, null, 'Same email address as line 2: only the first row is imported'],
      [8, 'Name', 'Missing: a name (or a first and last name)'],
    ]);
    expect(checked.rejectedRows).toBe(4);
    expect(checked.duplicates).toEqual([{ key: 'email address', value: fresh[0], lines: [2, 7] }]);
    expect(checked.check).toMatchObject({ new: 3, updated: 1, unchanged: 0, rejected: 0 });
    expect(checked.existingMatches).toEqual([
      expect.objectContaining({ line: 5, label: 'Kim Known', outcome: 'updated' }),
    ]);
    expect(done.run).toMatchObject({ new: 3, updated: 1, unchanged: 0, rowsDone: 4 });

    const roster = await rosterOf(owner.token, org.id, conferenceId);
    expect(roster.map((a) => [a.email, a.name, a.role, a.group, a.source]).sort()).toEqual(
      [
        [known, 'Kim Known', 'attendee', 'Press', 'invitation'],
        [fresh[0], 'Ada Lovelace', 'speaker', null, 'import'],
        [fresh[1], 'Bo Berg', 'attendee', 'Press', 'import'],
        [fresh[2], 'Cy Chen', 'attendee', null, 'import'],
      ].sort(),
    );
    expect(await invitationsTo(fresh)).toBe(3);

    const rejected = await api('GET', `${importsPath(org.id)}/${done.id}/rejected`, { token: owner.token });
    expect(rejected.status).toBe(200);
    expect(rejected.text.split('\r\n').slice(0, 3)).toEqual([
      'Line,Reason,Vorname,Nachname,E-Mail,Rolle,Gruppe',
      '4,Email: Must be an email address,Cee,Nomail,not-an-email,,',
      `6,Role: Must be attendee or speaker,Cy,Chen,${fresh[2]},organizer,`,
    ]);

    const again = await checkAndRun(
      owner.token,
      org.id,
      await uploadCsv(owner.token, org.id, conferenceId, csv),
    );
    expect(again.checked.check).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(again.done.run).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(await rosterOf(owner.token, org.id, conferenceId)).toHaveLength(4);
    expect(await invitationsTo(fresh)).toBe(3);
  }, 120_000);

  it('runs a file of several chunks in the background, its progress going up chunk by chunk', async () => {
    const { org, owner, conferenceId } = await newConference();
    const tag = uniqueSuffix();
    const lines = ['Name,Email'];
    for (let index = 0; index < 1_200; index++)
      lines.push(`Guest ${index},guest-${index}-${tag}@bulk.example`);
    const preview = await uploadCsv(owner.token, org.id, conferenceId, lines.join('\n'));
    const { checked, states, done } = await checkAndRun(owner.token, org.id, preview);
    expect(checked.check).toMatchObject({ new: 1_200, rowsDone: 1_200, chunksDone: 3 });
    const progress = states.map((state) => state.run!.rowsDone);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((rows) => rows > 0 && rows < 1_200)).toBe(true);
    expect(done.run).toMatchObject({ new: 1_200, rowsDone: 1_200, chunksDone: 3, rejected: 0 });
    const first = await api(
      'GET',
      `/api/orgs/${org.id}/conferences/${conferenceId}/registrations?limit=100`,
      {
        token: owner.token,
      },
    );
    expect(first.json.items).toHaveLength(100);
  }, 240_000);
});

describe('who may import attendees', () => {
  it('refuses members who do not organize the event, other organizations and a missing conference', async () => {
    const { org, conferenceId } = await newConference();
    const member = await inviteAndAccept(admin.token, {
      email: `member-${uniqueSuffix()}@example.com`,
      name: 'Max Member',
      role: 'member',
      orgId: org.id,
    });
    const body = { target: 'attendees', conferenceId, fileName: 'a.csv', size: 10 };
    const asMember = await api('POST', importsPath(org.id), { token: member.token, body });
    expect(asMember.status, asMember.text).toBe(403);
    const outsider = await signInAs('owner', 'brightside-plumbing');
    const asOutsider = await api('POST', importsPath(outsider.user.orgId!), { token: outsider.token, body });
    expect(asOutsider.status, asOutsider.text).toBe(404);
    const withoutConference = await api('POST', importsPath(org.id), {
      token: admin.token,
      body: { target: 'attendees', fileName: 'a.csv', size: 10 },
    });
    expect(withoutConference.status).toBe(400);
    expect(withoutConference.json.errors).toEqual([expect.objectContaining({ path: 'conferenceId' })]);
  });
});
