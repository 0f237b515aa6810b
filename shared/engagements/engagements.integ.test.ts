import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  inviteAndAccept,
  type Session,
  signInAs,
  stack,
  tableSnapshot,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';
import { type EngagementSummaryView, type EngagementView, maxChecklistBytes } from './contracts';
import { defaultTemplate } from './markdown';

/**
 * Engagements through the local cloud: the checklist file round trip, version-checked writes, client
 * permissions, history and the admin overview. Every test that writes works in organizations it creates,
 * so the demo engagements other files read stay as seeded.
 */

let admin: Session;
let demoOwner: Session; // brightside-plumbing
let otherOwner: Session; // northwind-events

beforeAll(async () => {
  [admin, demoOwner, otherOwner] = await Promise.all([
    signInAs('admin'),
    signInAs('owner', 'brightside-plumbing'),
    signInAs('owner', 'northwind-events'),
  ]);
});

const crlf = (lines: string[]) => lines.map((line) => `${line}\r\n`).join('');

/**
 * A checklist as people really save them: CRLF endings, emoji, a table, and a fenced code block whose
 * `- [ ]` is not a task. Five tasks: one done, one skipped, three pending.
 */
const awkwardChecklist = crlf([
  '# Launch plan 🚀',
  '',
  'Intro with émojis 🎉 and a table:',
  '',
  '| Step | Owner |',
  '| --- | --- |',
  '| - [ ] not a task | 🙂 |',
  '',
  '## Phase 1: Kickoff 🚀',
  '',
  '* [ ] Book the kickoff call',
  '* [x] Send the welcome pack 📦',
  '',
  '```md',
  '- [ ] inside a code fence, not a task',
  '```',
  '',
  '## Phase 2: Delivery',
  '',
  '- [ ] Draft the run of show',
  '  - [ ] Nested: speaker bios ✍️',
  '- [-] Not needed this time',
]);

const allDone = ['# Done', '', '## Phase 1: Everything', '', '* [x] First', '* [x] Second', ''].join('\n');

const tasksOf = (view: EngagementView) => view.checklist.flatMap((phase) => phase.tasks);

const taskNamed = (view: EngagementView, text: string) => {
  const task = tasksOf(view).find((candidate) => candidate.text === text);
  if (!task) throw new Error(`No task "${text}"`);
  return task;
};

/** Creates an organization and starts an engagement in it as the admin. */
const startEngagement = async (
  body: { projectName: string; content?: string; clientCanEditTasks?: boolean },
  orgName?: string,
) => {
  const org = await createOrganization(admin.token, orgName);
  const created = await api('POST', `/api/orgs/${org.id}/engagements`, { token: admin.token, body });
  expect(created.status, created.text).toBe(201);
  const engagement = created.json as EngagementView;
  return { org, engagement, base: `/api/orgs/${org.id}/engagements/${engagement.id}` };
};

const setStatus = (base: string, taskId: string, version: number, token = admin.token, status = 'done') =>
  api('PATCH', `${base}/tasks/${taskId}`, { token, body: { version, status } });

/** The raw bytes of a download: `api()` decodes text, which could hide a BOM or an encoding slip. */
const download = async (path: string, token = admin.token) => {
  const response = await fetch(`${stack().url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
};

const versionsOf = async (base: string) => {
  const response = await api('GET', `${base}/versions?limit=100`, { token: admin.token });
  expect(response.status, response.text).toBe(200);
  return response.json.items as { version: number; at: string; author: string; change: string }[];
};

const problemType = (response: { json: { type?: string } }) => response.json?.type?.split('#problem-')[1];

describe('starting an engagement', () => {
  it('starts from the default template with five phases, version 1, matching totals and phase 1 current', async () => {
    // Prepare
    const projectName = `Template ${uniqueSuffix()}`;

    // Act
    const { engagement, base } = await startEngagement({ projectName });

    // Assess
    expect(engagement.version).toBe(1);
    expect(engagement.phases.map((phase) => phase.number)).toEqual([1, 2, 3, 4, 5]);
    const tasks = tasksOf(engagement);
    expect(engagement.totals).toEqual({
      total: tasks.length,
      done: 0,
      inProgress: 0,
      pending: tasks.length,
      skipped: 0,
      unknown: 0,
      percentComplete: 0,
    });
    expect(tasks.length).toBeGreaterThan(20);
    expect(engagement.currentPhase).toEqual({
      index: 0,
      number: 1,
      title: 'Initial Contact & Qualification',
    });
    const file = await download(`${base}/content`);
    expect(file.bytes.toString('utf8')).toBe(defaultTemplate(projectName));
    expect((await versionsOf(base)).map((v) => v.change)).toEqual(['Created from the template']);
  });

  it('takes its phases and tasks from an uploaded checklist', async () => {
    // Act
    const { engagement, base } = await startEngagement({
      projectName: `Upload ${uniqueSuffix()}`,
      content: awkwardChecklist,
    });

    // Assess
    expect(engagement.checklist.map(({ number, title }) => ({ number, title }))).toEqual([
      { number: 1, title: 'Kickoff 🚀' },
      { number: 2, title: 'Delivery' },
    ]);
    expect(tasksOf(engagement).map((task) => task.text)).toEqual([
      'Book the kickoff call',
      'Send the welcome pack 📦',
      'Draft the run of show',
      'Nested: speaker bios ✍️',
      'Not needed this time',
    ]);
    expect(engagement.totals).toMatchObject({
      total: 5,
      done: 1,
      pending: 3,
      skipped: 1,
      percentComplete: 25,
    });
    expect(engagement.currentPhase).toEqual({ index: 0, number: 1, title: 'Kickoff 🚀' });
    expect((await versionsOf(base)).map((v) => v.change)).toEqual(['Uploaded']);
  });

  it('takes a checklist without phase headings, its heading becoming the phase', async () => {
    // Act
    const { engagement } = await startEngagement({
      projectName: `No phases ${uniqueSuffix()}`,
      content: '# Notes\n\n* [ ] A task without a phase\n',
    });

    // Assess
    expect(engagement.checklist.map(({ number, title }) => ({ number, title }))).toEqual([
      { number: null, title: 'Notes' },
    ]);
    expect(tasksOf(engagement).map((task) => task.text)).toEqual(['A task without a phase']);
  });

  // A JSON body is refused at the boundary, field by field; an uploaded file names the line and byte.
  it('refuses a checklist holding a NUL byte with 400 naming the field, and stores nothing', async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    const before = await tableSnapshot();

    // Act
    const response = await api('POST', `/api/orgs/${org.id}/engagements`, {
      token: admin.token,
      body: { projectName: 'Binary', content: '# Notes\n\n* [ ] A task\u0000\n' },
    });

    // Assess
    expect(response.status, response.text).toBe(400);
    expect(JSON.stringify(response.json)).toMatch(/content/);
    expect(JSON.stringify(response.json)).toMatch(/control characters \(such as NUL\)/);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses to start an engagement for an archived organization with 400', async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    const archived = await api('POST', `/api/orgs/${org.id}/archive`, { token: admin.token });
    expect(archived.status, archived.text).toBe(200);

    // Act
    const response = await api('POST', `/api/orgs/${org.id}/engagements`, {
      token: admin.token,
      body: { projectName: 'Too late' },
    });

    // Assess
    expect(response.status, response.text).toBe(400);
    expect(response.json.detail).toMatch(/archived/);
    const list = await api('GET', `/api/orgs/${org.id}/engagements`, { token: admin.token });
    expect(list.json.items).toEqual([]);
  });
});

describe('the checklist file', () => {
  it('downloads byte for byte as uploaded, as text/markdown named todo_<Project>.md with unsafe characters replaced', async () => {
    // Prepare
    const { base } = await startEngagement({
      projectName: 'Q3 Launch / Spaces: "Beta"?',
      content: awkwardChecklist,
    });

    // Act
    const file = await download(`${base}/content`);

    // Assess
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="todo_Q3_Launch_Spaces_Beta.md"',
    );
    expect(file.bytes.equals(Buffer.from(awkwardChecklist, 'utf8'))).toBe(true);
  });

  it('changes exactly one marker character when a task is ticked, and nothing when the status is set again', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({
      projectName: `Tick ${uniqueSuffix()}`,
      content: awkwardChecklist,
    });
    const task = taskNamed(engagement, 'Nested: speaker bios ✍️');

    // Act
    const ticked = await setStatus(base, task.id, 1);

    // Assess
    expect(ticked.status, ticked.text).toBe(200);
    expect(ticked.json.version).toBe(2);
    expect(taskNamed(ticked.json, 'Nested: speaker bios ✍️').status).toBe('done');
    const before = (await download(`${base}/content?version=1`)).bytes;
    const after = (await download(`${base}/content`)).bytes;
    expect(after.length).toBe(before.length);
    const changed = [...after.keys()].filter((index) => after[index] !== before[index]);
    expect(changed).toHaveLength(1);
    expect(String.fromCharCode(before[changed[0]!]!, after[changed[0]!]!)).toBe(' x');
    const [beforeLines, afterLines] = [before, after].map((bytes) => bytes.toString('utf8').split('\r\n'));
    const changedLines = afterLines!.filter((line, index) => line !== beforeLines![index]);
    expect(changedLines).toEqual(['  - [x] Nested: speaker bios ✍️']);
    expect(after.toString('utf8').match(/\r\n/g)).toHaveLength(awkwardChecklist.match(/\r\n/g)!.length);

    // Act: the same status again
    const again = await setStatus(base, task.id, 2);

    // Assess
    expect(again.status, again.text).toBe(200);
    expect(again.json.version).toBe(2);
    expect(await versionsOf(base)).toHaveLength(2);
    expect((await download(`${base}/content`)).bytes.equals(after)).toBe(true);
  });

  it('refuses a tick on a task changed since, a version from the future or an unknown task with 409, writing nothing', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({
      projectName: `Stale ${uniqueSuffix()}`,
      content: awkwardChecklist,
    });
    const [first] = tasksOf(engagement).filter((task) => task.status === 'pending');
    expect((await setStatus(base, first!.id, 1)).status).toBe(200);
    const before = await tableSnapshot();

    // Act
    const changedSince = await setStatus(base, first!.id, 1, admin.token, 'skipped');
    const future = await setStatus(base, first!.id, 3, admin.token, 'skipped');
    const unknownTask = await setStatus(base, 'L1-000000', 2);

    // Assess
    expect(changedSince.status, changedSince.text).toBe(409);
    expect(problemType(changedSince)).toBe('conflict');
    expect(changedSince.json.detail).toMatch(
      /"Book the kickoff call" was changed or removed after version 1/,
    );
    expect(changedSince.json.currentVersion).toBe(2);
    expect(future.status, future.text).toBe(409);
    expect(problemType(future)).toBe('version-conflict');
    expect(future.json.currentVersion).toBe(2);
    expect(unknownTask.status, unknownTask.text).toBe(409);
    expect(unknownTask.json.detail).toMatch(/L1-000000/);
    expect(await tableSnapshot()).toBe(before);
    expect(await versionsOf(base)).toHaveLength(2);
  });

  it('merges a tick made on an older version onto the newest when that task’s line is unchanged', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({
      projectName: `Merge ${uniqueSuffix()}`,
      content: awkwardChecklist,
    });
    const [first, second] = tasksOf(engagement).filter((task) => task.status === 'pending');
    expect((await setStatus(base, first!.id, 1)).status).toBe(200);

    // Act
    const merged = await setStatus(base, second!.id, 1);

    // Assess
    expect(merged.status, merged.text).toBe(200);
    expect(merged.json).toMatchObject({ version: 3, mergedOntoVersion: 2 });
    expect(taskNamed(merged.json, first!.text).status).toBe('done');
    expect(taskNamed(merged.json, second!.text).status).toBe('done');
    const file = (await download(`${base}/content`)).bytes.toString('utf8');
    expect(file).toBe(
      awkwardChecklist
        .replace('* [ ] Book the kickoff call', '* [x] Book the kickoff call')
        .replace('- [ ] Draft the run of show', '- [x] Draft the run of show'),
    );
  });

  it('applies both of two concurrent ticks of different tasks: the later one is merged onto the earlier’s version', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({ projectName: `Race ${uniqueSuffix()}` });
    const pending = tasksOf(engagement).map((task) => task.id);
    const rounds = 6;
    let version = engagement.version;

    for (let round = 0; round < rounds; round++) {
      const [a, b] = [pending[round * 2]!, pending[round * 2 + 1]!];

      // Act
      const responses = await Promise.all([setStatus(base, a, version), setStatus(base, b, version)]);

      // Assess
      expect(
        responses.map((r) => r.status),
        responses.map((r) => r.text).join('\n'),
      ).toEqual([200, 200]);
      expect(responses.map((r) => r.json.version).sort()).toEqual([version + 1, version + 2]);
      const later = responses.find((r) => r.json.version === version + 2)!;
      expect(later.json.mergedOntoVersion).toBe(version + 1);
      const current = await api('GET', base, { token: admin.token });
      const statusOf = (id: string) => tasksOf(current.json).find((task) => task.id === id)?.status;
      expect({ round, a: statusOf(a), b: statusOf(b) }).toEqual({ round, a: 'done', b: 'done' });
      // The stored summary (table) agrees with the file (S3).
      expect(current.json.totals.done).toBe((round + 1) * 2);
      expect(tasksOf(current.json).filter((task) => task.status === 'done')).toHaveLength((round + 1) * 2);
      version += 2;
    }
    expect(await versionsOf(base)).toHaveLength(1 + rounds * 2);
  });

  it('refuses the second of two concurrent, different changes of the same task with 409', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({ projectName: `Same task ${uniqueSuffix()}` });
    const task = tasksOf(engagement)[0]!;

    // Act
    const responses = await Promise.all([
      setStatus(base, task.id, 1, admin.token, 'done'),
      setStatus(base, task.id, 1, admin.token, 'skipped'),
    ]);

    // Assess
    expect(responses.map((r) => r.status).sort(), responses.map((r) => r.text).join('\n')).toEqual([
      200, 409,
    ]);
    const winner = responses.find((r) => r.status === 200)!;
    expect(problemType(responses.find((r) => r.status === 409)!)).toBe('conflict');
    const current = await api('GET', base, { token: admin.token });
    expect(tasksOf(current.json)[0]!.status).toBe(tasksOf(winner.json)[0]!.status);
    expect(await versionsOf(base)).toHaveLength(2);
  });
});

describe('who may change an engagement', () => {
  it('lets the org’s owner and member read and tick tasks until the admin forbids it; the admin still can', async () => {
    // Prepare
    const { org, engagement, base } = await startEngagement({ projectName: `Clients ${uniqueSuffix()}` });
    const suffix = uniqueSuffix();
    const owner = await inviteAndAccept(admin.token, {
      email: `owner-${suffix}@example.com`,
      name: `Owner ${suffix}`,
      role: 'owner',
      orgId: org.id,
    });
    const member = await inviteAndAccept(admin.token, {
      email: `member-${suffix}@example.com`,
      name: `Member ${suffix}`,
      role: 'member',
      orgId: org.id,
    });
    const [t1, t2, t3, t4] = tasksOf(engagement).map((task) => task.id);

    // Act and assess: allowed by default
    for (const client of [owner, member]) {
      const read = await api('GET', base, { token: client.token });
      expect(read.status, read.text).toBe(200);
      expect((await download(`${base}/content`, client.token)).status).toBe(200);
    }
    const byOwner = await setStatus(base, t1!, 1, owner.token);
    expect(byOwner.status, byOwner.text).toBe(200);
    const byMember = await setStatus(base, t2!, 2, member.token);
    expect(byMember.status, byMember.text).toBe(200);
    expect(byMember.json.updatedBy).toBe(`Member ${suffix}`);

    // Act: the admin forbids it
    const forbid = await api('PATCH', base, {
      token: admin.token,
      body: { version: 3, clientCanEditTasks: false },
    });

    // Assess
    expect(forbid.status, forbid.text).toBe(200);
    expect(forbid.json.clientCanEditTasks).toBe(false);
    expect(forbid.json.version).toBe(3);
    const before = await tableSnapshot();
    for (const client of [owner, member]) {
      const refused = await setStatus(base, t3!, 3, client.token);
      expect(refused.status, refused.text).toBe(403);
      expect((await api('GET', base, { token: client.token })).status).toBe(200);
    }
    expect(await tableSnapshot()).toBe(before);
    const byAdmin = await setStatus(base, t4!, 3);
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.json.version).toBe(4);
  });

  it('never silently undoes a settings change made while a task is being ticked', async () => {
    // Prepare
    const { engagement, base } = await startEngagement({ projectName: `Settings race ${uniqueSuffix()}` });
    const tasks = tasksOf(engagement);
    let version = engagement.version;

    for (let round = 0; round < 6; round++) {
      const wanted = { projectName: `Renamed ${round}`, clientCanEditTasks: round % 2 === 1 };

      // Act
      const [settings, tick] = await Promise.all([
        api('PATCH', base, { token: admin.token, body: { version, ...wanted } }),
        setStatus(base, tasks[round]!.id, version),
      ]);

      // Assess: whoever won, a 200 for the settings means they hold afterwards.
      expect([200, 409]).toContain(settings.status);
      expect([200, 409]).toContain(tick.status);
      const current = (await api('GET', base, { token: admin.token })).json as EngagementView;
      if (settings.status === 200) {
        expect({
          round,
          projectName: current.projectName,
          clientCanEditTasks: current.clientCanEditTasks,
        }).toEqual({
          round,
          ...wanted,
        });
      }
      version = current.version;
    }
  });

  it('answers 404 to another organization’s user on every engagement route of a real engagement', async () => {
    // Prepare: the demo engagement of brightside-plumbing, read only
    const orgId = demoOwner.user.orgId!;
    const list = await api('GET', `/api/orgs/${orgId}/engagements`, { token: demoOwner.token });
    const engagement = (
      await api('GET', `/api/orgs/${orgId}/engagements/${list.json.items[0].id}`, { token: demoOwner.token })
    ).json as EngagementView;
    const base = `/api/orgs/${orgId}/engagements/${engagement.id}`;
    const taskId = tasksOf(engagement)[0]!.id;
    const before = await tableSnapshot();

    // Act
    const attempts = {
      list: await api('GET', `/api/orgs/${orgId}/engagements`, { token: otherOwner.token }),
      get: await api('GET', base, { token: otherOwner.token }),
      download: await api('GET', `${base}/content`, { token: otherOwner.token }),
      versions: await api('GET', `${base}/versions`, { token: otherOwner.token }),
      diff: await api('GET', `${base}/diff?from=1&to=2`, { token: otherOwner.token }),
      notes: await api('GET', `${base}/notes`, { token: otherOwner.token }),
      addNote: await api('POST', `${base}/notes`, { token: otherOwner.token, body: { text: 'Hello' } }),
      setTask: await setStatus(base, taskId, engagement.version, otherOwner.token),
    };

    // Assess
    for (const [route, response] of Object.entries(attempts)) {
      expect({ route, status: response.status }).toEqual({ route, status: 404 });
      expect(response.text).not.toContain(engagement.projectName);
    }
    // Admin-only routes refuse every client by role (403), whatever the organization: nothing is revealed.
    const update = await api('PATCH', base, {
      token: otherOwner.token,
      body: { version: engagement.version, clientCanEditTasks: false },
    });
    expect(update.status).toBe(403);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('history', () => {
  it('replaces the content version-checked and keeps every version readable, with authors, changes and diffs', async () => {
    // Prepare
    const { org, engagement, base } = await startEngagement({
      projectName: `History ${uniqueSuffix()}`,
      content: awkwardChecklist,
    });
    const replacement = awkwardChecklist.replace(
      '* [ ] Book the kickoff call',
      '* [x] Book the kickoff call',
    );

    // Act
    const replaced = await api('PUT', `${base}/content`, {
      token: admin.token,
      body: { version: 1, content: replacement },
    });
    const stale = await api('PUT', `${base}/content`, {
      token: admin.token,
      body: { version: 1, content: awkwardChecklist },
    });

    // Assess
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.json.version).toBe(2);
    expect(replaced.json.totals.done).toBe(2);
    expect(stale.status, stale.text).toBe(409);
    expect(problemType(stale)).toBe('version-conflict');
    expect(stale.json.currentVersion).toBe(2);

    const versions = await versionsOf(base);
    expect(versions.map(({ version, change }) => ({ version, change }))).toEqual([
      { version: 2, change: 'uploaded a new checklist' },
      { version: 1, change: 'Uploaded' },
    ]);
    expect(versions.every((v) => v.author === engagement.updatedBy)).toBe(true);
    expect(Date.parse(versions[0]!.at)).toBeGreaterThanOrEqual(Date.parse(versions[1]!.at));

    expect((await download(`${base}/content?version=1`)).bytes.equals(Buffer.from(awkwardChecklist))).toBe(
      true,
    );
    expect((await download(`${base}/content`)).bytes.equals(Buffer.from(replacement))).toBe(true);

    const diff = await api('GET', `${base}/diff?from=1&to=2`, { token: admin.token });
    expect(diff.status, diff.text).toBe(200);
    expect(diff.json).toMatchObject({ from: 1, to: 2 });
    const diffLines = (diff.json.unifiedDiff as string).split('\n');
    expect(diffLines).toContain('-* [ ] Book the kickoff call\r');
    expect(diffLines).toContain('+* [x] Book the kickoff call\r');
    expect(diffLines.filter((line) => /^[-+][^-+]/.test(line))).toHaveLength(2);

    expect((await api('GET', `${base}/content?version=99`, { token: admin.token })).status).toBe(404);
    expect((await api('GET', `${base}/diff?from=1&to=99`, { token: admin.token })).status).toBe(404);

    const activity = await api('GET', `/api/orgs/${org.id}/activity?limit=100`, { token: admin.token });
    expect(activity.json.items.filter((e: { kind: string }) => e.kind === 'engagement.content')).toHaveLength(
      1,
    );
  });

  it('refuses content over 256 KiB, counted in characters or in UTF-8 bytes, and writes nothing', async () => {
    // Prepare
    const { base } = await startEngagement({ projectName: `Big ${uniqueSuffix()}` });
    const heading = '## Phase 1: Big\n';
    const tooManyCharacters = heading + 'a'.repeat(maxChecklistBytes);
    // Fewer characters than the limit, but three bytes each in UTF-8.
    const tooManyBytes = heading + '€'.repeat(Math.ceil(maxChecklistBytes / 3) + 10);
    expect(tooManyBytes.length).toBeLessThan(maxChecklistBytes);
    const before = await tableSnapshot();

    // Act
    const responses = [
      await api('PUT', `${base}/content`, {
        token: admin.token,
        body: { version: 1, content: tooManyCharacters },
      }),
      await api('PUT', `${base}/content`, {
        token: admin.token,
        body: { version: 1, content: tooManyBytes },
      }),
    ];

    // Assess
    for (const response of responses) {
      expect(response.status, response.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(responses[1]!.json.reason).toBe('too-large');
    expect(await tableSnapshot()).toBe(before);
  });

  it('adds notes newest first, and a note moves updatedAt so the engagement is not stalled', async () => {
    // Prepare
    const { org, engagement, base } = await startEngagement({ projectName: `Notes ${uniqueSuffix()}` });
    const suffix = uniqueSuffix();
    const member = await inviteAndAccept(admin.token, {
      email: `notes-${suffix}@example.com`,
      name: `Noter ${suffix}`,
      role: 'member',
      orgId: org.id,
    });

    // Act
    const first = await api('POST', `${base}/notes`, { token: member.token, body: { text: 'First note' } });
    const second = await api('POST', `${base}/notes`, {
      token: member.token,
      body: { text: '  Second note  ' },
    });

    // Assess
    expect(first.status, first.text).toBe(201);
    expect(second.status, second.text).toBe(201);
    expect(second.json).toMatchObject({ author: `Noter ${suffix}`, text: 'Second note' });
    const notes = await api('GET', `${base}/notes`, { token: member.token });
    expect(notes.json.items.map((note: { text: string }) => note.text)).toEqual([
      'Second note',
      'First note',
    ]);
    const current = (await api('GET', `${base}?stalledAfterDays=1`, { token: member.token }))
      .json as EngagementView;
    expect(current.updatedAt).toBe(second.json.at);
    expect(Date.parse(current.updatedAt)).toBeGreaterThan(Date.parse(engagement.updatedAt));
    expect(current.updatedBy).toBe(`Noter ${suffix}`);
    expect(current.version).toBe(1);
    expect(current.stalled).toBe(false);
    // The overview index moved too: the engagement counts as active, not stalled.
    const active = await api(
      'GET',
      `/api/engagements?only=active&stalledAfterDays=1&q=${encodeURIComponent(engagement.projectName)}`,
      {
        token: admin.token,
      },
    );
    expect(active.json.items.map((item: EngagementSummaryView) => [item.id, item.updatedAt])).toEqual([
      [engagement.id, second.json.at],
    ]);
  });
});

describe('the admin overview', () => {
  const suffix = uniqueSuffix();
  const started: Record<string, EngagementView> = {};

  beforeAll(async () => {
    for (const [name, body] of [
      ['Zulu Events', { projectName: 'Spring Spaces' }],
      ['Alpha Ventures', { projectName: 'Finished Launch', content: allDone }],
      ['Mike Media', { projectName: `Podcast ${suffix}` }],
    ] as const) {
      started[name] = (await startEngagement(body, `${name} ${suffix}`)).engagement;
    }
  });

  const walk = async (query: string) =>
    (await walkPages<EngagementSummaryView>(`/api/engagements?${query}`, admin.token)).flat();

  it('lists engagements of several organizations with name, progress and current phase, sorted by name', async () => {
    // Act
    const byName = await walk(`q=${suffix}&sort=name`);

    // Assess
    expect(byName.map((item) => item.organizationName)).toEqual([
      `Alpha Ventures ${suffix}`,
      `Mike Media ${suffix}`,
      `Zulu Events ${suffix}`,
    ]);
    const finished = byName[0]!;
    expect(finished).toMatchObject({
      projectName: 'Finished Launch',
      totals: { total: 2, done: 2, pending: 0, percentComplete: 100 },
      currentPhase: { index: 0, number: 1, title: 'Everything' },
      stalled: false,
    });
    expect(byName[2]).toMatchObject({
      totals: { done: 0, percentComplete: 0 },
      currentPhase: { number: 1, title: 'Initial Contact & Qualification' },
    });
    // The demo organizations are in the same overview.
    const everything = await walk('limit=100');
    const orgIds = new Set(everything.map((item) => item.orgId));
    expect(orgIds.has(demoOwner.user.orgId!)).toBe(true);
    expect(orgIds.has(otherOwner.user.orgId!)).toBe(true);
  });

  it('filters by organization or project name, by completion and by stalled', async () => {
    // Act
    const byOrganization = await walk(`q=${encodeURIComponent(`ZULU EVENTS ${suffix}`)}`);
    const byProject = await walk(`q=podcast%20${suffix}`);
    const complete = await walk('only=complete');
    const stalled = await walk('only=stalled&stalledAfterDays=1');
    const active = await walk(`only=active&stalledAfterDays=1&q=${suffix}`);

    // Assess
    expect(byOrganization.map((item) => item.id)).toEqual([started['Zulu Events']!.id]);
    expect(byProject.map((item) => item.id)).toEqual([started['Mike Media']!.id]);
    expect(complete.map((item) => item.id)).toContain(started['Alpha Ventures']!.id);
    expect(complete.every((item) => item.totals.pending === 0)).toBe(true);
    expect(complete.map((item) => item.id)).not.toContain(started['Zulu Events']!.id);
    const ours = Object.values(started).map((item) => item.id);
    expect(stalled.filter((item) => ours.includes(item.id))).toEqual([]);
    expect(active.map((item) => item.id).sort()).toEqual([...ours].sort());
  });

  it('walks every page with limit=1 without repeats, sorted by update or by name, filtered or not', async () => {
    // Prepare
    const all = (await walk('limit=100')).map((item) => item.id);

    for (const query of ['limit=1', 'limit=1&sort=name', `limit=1&sort=name&q=${suffix}`]) {
      // Act
      const pages = await walkPages<EngagementSummaryView>(`/api/engagements?${query}`, admin.token);

      // Assess
      const ids = pages.flat().map((item) => item.id);
      expect(pages.every((page) => page.length <= 1)).toBe(true);
      expect(new Set(ids).size, query).toBe(ids.length);
      if (query.includes('q=')) expect(ids).toHaveLength(3);
      else expect([...ids].sort(), query).toEqual([...all].sort());
    }
  });

  it('refuses the overview to client users with 403', async () => {
    // Act
    const response = await api('GET', '/api/engagements', { token: demoOwner.token });

    // Assess
    expect(response.status).toBe(403);
    expect(response.json.items).toBeUndefined();
  });
});

describe('activity', () => {
  it('records every change to an engagement in the organization’s activity log, and no refused one', async () => {
    // Prepare
    const { org, engagement, base } = await startEngagement({ projectName: `Activity ${uniqueSuffix()}` });
    const [t1] = tasksOf(engagement);

    // Act
    expect((await setStatus(base, t1!.id, 1)).status).toBe(200);
    expect((await setStatus(base, t1!.id, 1, admin.token, 'skipped')).status).toBe(409);
    expect((await setStatus(base, t1!.id, 2)).status).toBe(200);
    const content = defaultTemplate('Activity').replace('* [ ]', '* [-]');
    expect(
      (await api('PUT', `${base}/content`, { token: admin.token, body: { version: 2, content } })).status,
    ).toBe(200);
    const settings = await api('PATCH', base, {
      token: admin.token,
      body: { version: 3, projectName: 'Renamed' },
    });
    expect(settings.status, settings.text).toBe(200);
    expect((await api('POST', `${base}/notes`, { token: admin.token, body: { text: 'Hi' } })).status).toBe(
      201,
    );

    // Assess
    const activity = await api('GET', `/api/orgs/${org.id}/activity?limit=100`, { token: admin.token });
    expect(activity.status, activity.text).toBe(200);
    const entries = (activity.json.items as { kind: string; summary: string; actor: string }[]).filter((e) =>
      e.kind.startsWith('engagement.'),
    );
    expect(entries.map((e) => e.kind)).toEqual([
      'engagement.note',
      'engagement.settings',
      'engagement.content',
      'engagement.task',
      'engagement.created',
    ]);
    expect(entries.every((e) => e.actor === engagement.updatedBy)).toBe(true);
    expect(entries.find((e) => e.kind === 'engagement.task')!.summary).toContain(t1!.text);
  });
});
