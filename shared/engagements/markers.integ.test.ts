import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  inviteAndAccept,
  type Session,
  signInAs,
  uniqueSuffix,
} from '../../test/integ/api';
import type { EngagementView, MarkerSettingsView } from './contracts';

/** An organization's marker settings through the local cloud: who may set them and what they change. */

let admin: Session;
let otherOwner: Session; // northwind-events

beforeAll(async () => {
  [admin, otherOwner] = await Promise.all([signInAs('admin'), signInAs('owner', 'northwind-events')]);
});

const checklist = '# Retainer\n\n- [x] Kickoff\n- [>] Deferred report\n- [~] Social calendar\n';

/** An organization with one engagement, its owner and a member. */
const setUp = async () => {
  const org = await createOrganization(admin.token);
  const projectName = `Markers ${uniqueSuffix()}`;
  const created = await api('POST', `/api/orgs/${org.id}/engagements`, {
    token: admin.token,
    body: { projectName, content: checklist },
  });
  expect(created.status, created.text).toBe(201);
  const suffix = uniqueSuffix();
  const [owner, member] = await Promise.all(
    (['owner', 'member'] as const).map((role) =>
      inviteAndAccept(admin.token, {
        email: `${role}-${suffix}@example.com`,
        name: `${role} ${suffix}`,
        role,
        orgId: org.id,
      }),
    ),
  );
  const engagement = created.json as EngagementView;
  return {
    org,
    owner: owner!,
    member: member!,
    projectName,
    engagement,
    markers: `/api/orgs/${org.id}/engagement-markers`,
    base: `/api/orgs/${org.id}/engagements/${engagement.id}`,
  };
};

const save = (path: string, token: string, version: number, markers: { marker: string; status: string }[]) =>
  api('PUT', path, { token, body: { version, markers } });

describe('marker settings', () => {
  it('start empty, are saved by the owner with a version, read by members and refused to members', async () => {
    // Prepare
    const { owner, member, markers } = await setUp();

    // Act
    const initial = await api('GET', markers, { token: member.token });
    const saved = await save(markers, owner.token, 0, [{ marker: '>', status: 'done' }]);
    const stale = await save(markers, owner.token, 0, [{ marker: '>', status: 'skipped' }]);
    const byMember = await save(markers, member.token, 1, [{ marker: '>', status: 'skipped' }]);
    const read = await api('GET', markers, { token: member.token });

    // Assess
    expect(initial.json).toEqual({ version: 0, markers: [], updatedAt: null, updatedBy: null });
    expect(saved.status, saved.text).toBe(200);
    expect(stale.status, stale.text).toBe(409);
    expect(stale.json.currentVersion).toBe(1);
    expect(byMember.status, byMember.text).toBe(403);
    expect((read.json as MarkerSettingsView).markers).toEqual([{ marker: '>', status: 'done' }]);
    expect(read.json.version).toBe(1);
  });

  it('answers 404 to another organization’s owner, and refuses a marker of two characters or twice the same', async () => {
    // Prepare
    const { owner, markers } = await setUp();

    // Act
    const foreignRead = await api('GET', markers, { token: otherOwner.token });
    const foreignWrite = await save(markers, otherOwner.token, 0, [{ marker: '>', status: 'done' }]);
    const twoCharacters = await save(markers, owner.token, 0, [{ marker: '>>', status: 'done' }]);
    const twice = await save(markers, owner.token, 0, [
      { marker: '>', status: 'done' },
      { marker: '>', status: 'skipped' },
    ]);

    // Assess
    expect(foreignRead.status).toBe(404);
    expect(foreignWrite.status).toBe(404);
    expect(twoCharacters.status).toBe(400);
    expect(twoCharacters.json.errors[0].path).toBe('markers.0.marker');
    expect(twice.status).toBe(400);
    expect((await api('GET', markers, { token: owner.token })).json.version).toBe(0);
  });

  it('count every summary with the new meaning at once, and keep the file as it is', async () => {
    // Prepare
    const { org, owner, markers, base, engagement, projectName } = await setUp();
    expect(engagement.totals).toMatchObject({ done: 1, skipped: 1, unknown: 1, percentComplete: 50 });

    // Act
    const saved = await save(markers, owner.token, 0, [
      { marker: '>', status: 'done' },
      { marker: '~', status: 'inProgress' },
    ]);
    const listed = await api('GET', `/api/orgs/${org.id}/engagements`, { token: owner.token });
    const overview = await api('GET', `/api/engagements?q=${encodeURIComponent(projectName.toLowerCase())}`, {
      token: admin.token,
    });
    const opened = await api('GET', base, { token: owner.token });

    // Assess
    expect(saved.status, saved.text).toBe(200);
    const expected = {
      total: 3,
      done: 2,
      inProgress: 1,
      pending: 0,
      skipped: 0,
      unknown: 0,
      percentComplete: 67,
    };
    expect(listed.json.items[0].totals).toEqual(expected);
    expect(overview.json.items.map((item: EngagementView) => item.totals)).toEqual([expected]);
    expect(opened.json.totals).toEqual(expected);
    expect(opened.json.version).toBe(1);
    expect(opened.json.checklist[0].tasks.map((t: { status: string }) => t.status)).toEqual([
      'done',
      'done',
      'inProgress',
    ]);
  });

  it('let the overview’s "complete" filter follow once the engagement is opened', async () => {
    // Prepare
    const { owner, markers, base, projectName } = await setUp();
    const complete = async () =>
      (
        await api(
          'GET',
          `/api/engagements?only=complete&q=${encodeURIComponent(projectName.toLowerCase())}`,
          {
            token: admin.token,
          },
        )
      ).json.items.length;
    expect(await complete()).toBe(0);

    // Act
    await save(markers, owner.token, 0, [
      { marker: '>', status: 'done' },
      { marker: '~', status: 'done' },
    ]);
    await api('GET', base, { token: owner.token });

    // Assess
    expect(await complete()).toBe(1);
  });
});
