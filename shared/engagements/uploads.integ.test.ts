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
} from '../../test/integ/api';
import { type EngagementView, maxUploadBytes, type UploadView } from './contracts';

/**
 * Checklist files uploaded the way the dashboard does it, through the local cloud: a presigned POST
 * straight to s3rver's staging area, then "complete", which checks the file and makes it a version.
 */

let admin: Session;

beforeAll(async () => {
  admin = await signInAs('admin');
});

const utf8 = new TextEncoder();

const startEngagement = async () => {
  const org = await createOrganization(admin.token);
  const created = await api('POST', `/api/orgs/${org.id}/engagements`, {
    token: admin.token,
    body: { projectName: `Upload ${uniqueSuffix()}` },
  });
  expect(created.status, created.text).toBe(201);
  const engagement = created.json as EngagementView;
  return { org, engagement, base: `/api/orgs/${org.id}/engagements/${engagement.id}` };
};

/** Asks for a presigned POST and sends the file with it, as the browser does. */
const uploadFile = async (
  base: string,
  bytes: Uint8Array<ArrayBuffer>,
  { contentType = 'text/markdown', fileType = contentType }: { contentType?: string; fileType?: string } = {},
) => {
  const created = await api('POST', `${base}/uploads`, {
    token: admin.token,
    body: { contentType, size: Math.min(bytes.byteLength, maxUploadBytes) },
  });
  expect(created.status, created.text).toBe(201);
  const upload = created.json as UploadView;
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  if (fileType !== contentType) form.set('Content-Type', fileType);
  form.append('file', new Blob([bytes], { type: fileType }), 'todo_Upload.md');
  const posted = await fetch(upload.url, { method: 'POST', body: form });
  expect(posted.status, await posted.text()).toBeLessThan(300);
  return upload;
};

const complete = (base: string, uploadId: string, version: number, token = admin.token) =>
  api('POST', `${base}/uploads/${uploadId}/complete`, { token, body: { version } });

const download = async (path: string) => {
  const response = await fetch(`${stack().url}${path}`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  return Buffer.from(await response.arrayBuffer());
};

const versionCount = async (base: string) =>
  ((await api('GET', `${base}/versions?limit=100`, { token: admin.token })).json.items as unknown[]).length;

describe('uploading a checklist file', () => {
  it('makes a valid file without phase headings the next version, byte for byte, BOM and CRLF included', async () => {
    // Prepare
    const { base, engagement } = await startEngagement();
    const file = utf8.encode(
      '\uFEFF# Harbor Dental\r\n\r\n- [x] Logins\r\n- [~] Blog export\r\n- [√] Redirects\r\n- [>] Spanish site\r\n',
    );

    // Act
    const upload = await uploadFile(base, file);
    const completed = await complete(base, upload.uploadId, engagement.version);

    // Assess
    expect(completed.status, completed.text).toBe(200);
    const view = completed.json as EngagementView;
    expect(view.version).toBe(2);
    expect(view.checklist.map((phase) => phase.title)).toEqual(['Harbor Dental']);
    expect(view.checklist[0]!.tasks.map((t) => [t.marker, t.status])).toEqual([
      ['x', 'done'],
      ['~', 'skipped'],
      ['√', 'done'],
      ['>', 'unknown'],
    ]);
    expect((await download(`${base}/content`)).equals(Buffer.from(file))).toBe(true);
    // The staged object is gone: the same upload cannot be completed twice.
    expect((await complete(base, upload.uploadId, 2)).status).toBe(404);
  });

  it.each([
    {
      what: 'invalid UTF-8',
      bytes: new Uint8Array([...utf8.encode('# Plan\n- [ ] caf'), 0xe9, 0x0a]),
      reason: 'not-utf8',
      detail: /not valid UTF-8 text \(line 2, byte 16\)/,
    },
    {
      what: 'a NUL byte',
      bytes: utf8.encode('# Plan\n- [ ] a\n- [ ] b\u0000\n'),
      reason: 'nul-byte',
      detail: /NUL byte \(line 3, byte 22\)/,
    },
  ])(
    'refuses a file with $what with 400, keeps no version and drops the staged file',
    async ({ bytes, reason, detail }) => {
      // Prepare
      const { base } = await startEngagement();
      const upload = await uploadFile(base, bytes);
      const before = await tableSnapshot();

      // Act
      const refused = await complete(base, upload.uploadId, 1);

      // Assess
      expect(refused.status, refused.text).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.json.reason).toBe(reason);
      expect(refused.json.detail).toMatch(detail);
      expect(await tableSnapshot()).toBe(before);
      expect(await versionCount(base)).toBe(1);
      expect((await complete(base, upload.uploadId, 1)).status).toBe(404);
    },
  );

  it('refuses to presign a file over 5 MB or of another type, and a file that is larger or of another type once stored', async () => {
    // Prepare
    const { base } = await startEngagement();

    // Act
    const tooLarge = await api('POST', `${base}/uploads`, {
      token: admin.token,
      body: { contentType: 'text/markdown', size: maxUploadBytes + 1 },
    });
    const wrongType = await api('POST', `${base}/uploads`, {
      token: admin.token,
      body: { contentType: 'text/html', size: 10 },
    });
    // s3rver does not enforce the POST policy as S3 does: the API checks the stored file again.
    const big = await uploadFile(base, new Uint8Array(maxUploadBytes + 1).fill(0x61));
    const html = await uploadFile(base, utf8.encode('- [ ] a\n'), { fileType: 'text/html' });
    const bigCompleted = await complete(base, big.uploadId, 1);
    const htmlCompleted = await complete(base, html.uploadId, 1);

    // Assess
    expect(tooLarge.status, tooLarge.text).toBe(400);
    expect(tooLarge.json.errors).toEqual([{ path: 'size', message: 'At most 5 MB' }]);
    expect(wrongType.status, wrongType.text).toBe(400);
    expect(wrongType.json.errors[0].path).toBe('contentType');
    expect(bigCompleted.status, bigCompleted.text).toBe(400);
    expect(bigCompleted.json.reason).toBe('too-large');
    expect(htmlCompleted.status, htmlCompleted.text).toBe(400);
    expect(htmlCompleted.json.reason).toBe('wrong-type');
    expect(await versionCount(base)).toBe(1);
  });

  it('signs a POST for this engagement’s staging key only, limited in size and type', async () => {
    // Prepare
    const { base, org, engagement } = await startEngagement();

    // Act
    const created = await api('POST', `${base}/uploads`, {
      token: admin.token,
      body: { contentType: 'text/markdown', size: 100 },
    });

    // Assess
    expect(created.status, created.text).toBe(201);
    const upload = created.json as UploadView;
    expect(upload.fields.key).toBe(`staging/${org.id}/${engagement.id}/${upload.uploadId}.md`);
    const policy = JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, maxUploadBytes],
        ['eq', '$Content-Type', 'text/markdown'],
        { key: upload.fields.key },
      ]),
    );
  });

  it('refuses a stale version with 409 and keeps the staged file for a retry', async () => {
    // Prepare
    const { base, engagement } = await startEngagement();
    const task = engagement.checklist[0]!.tasks[0]!;
    const upload = await uploadFile(base, utf8.encode('- [ ] a\n'));
    const ticked = await api('PATCH', `${base}/tasks/${task.id}`, {
      token: admin.token,
      body: { version: 1, status: 'done' },
    });
    expect(ticked.status, ticked.text).toBe(200);

    // Act
    const stale = await complete(base, upload.uploadId, 1);
    const retried = await complete(base, upload.uploadId, 2);

    // Assess
    expect(stale.status, stale.text).toBe(409);
    expect(stale.json.currentVersion).toBe(2);
    expect(retried.status, retried.text).toBe(200);
    expect(retried.json.version).toBe(3);
  });

  it('answers 404 for an engagement through another organization’s path, and 403 to any client', async () => {
    // Prepare
    const { base, engagement } = await startEngagement();
    const other = await createOrganization(admin.token);
    const upload = await uploadFile(base, utf8.encode('- [ ] a\n'));
    const suffix = uniqueSuffix();
    const foreignOwner = await inviteAndAccept(admin.token, {
      email: `owner-${suffix}@example.com`,
      name: `Owner ${suffix}`,
      role: 'owner',
      orgId: other.id,
    });
    const crossPath = `/api/orgs/${other.id}/engagements/${engagement.id}`;

    // Act
    const presignElsewhere = await api('POST', `${crossPath}/uploads`, {
      token: admin.token,
      body: { contentType: 'text/markdown', size: 10 },
    });
    const completeElsewhere = await complete(crossPath, upload.uploadId, 1);
    const byForeignOwner = await complete(base, upload.uploadId, 1, foreignOwner.token);

    // Assess
    expect(presignElsewhere.status, presignElsewhere.text).toBe(404);
    expect(completeElsewhere.status, completeElsewhere.text).toBe(404);
    // Only operator admins upload: a client of any organization learns nothing about this engagement.
    expect(byForeignOwner.status, byForeignOwner.text).toBe(403);
    expect((await complete(base, upload.uploadId, 1)).status).toBe(200);
  });
});
