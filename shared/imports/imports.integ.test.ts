import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  type ApiResponse,
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  publishedEvents,
  type RequestOptions,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';
import { startStack } from '../../test/integ/local-stack';
import type { LeadView } from '../crm/contracts';
import type { ImportView, PreviewView } from './contracts';

/**
 * CSV imports of leads through the local cloud: the presigned POST to s3rver, detection and preview, the
 * dry run, the run as a background job (the bus delivers each step to the import-steps function), the
 * re-import that changes nothing, rejected rows as CSV, isolation and the size limit. Every test imports
 * into an organization of its own, so counts are exact. The 10,000-row import runs on a local cloud of its
 * own: its tens of thousands of items would slow every later test that snapshots the shared table.
 */

/** A signed-in session and the cloud it belongs to. */
type Caller = Session & { readonly url: string };

const callAt = async (caller: Caller, method: string, path: string, options: RequestOptions = {}) => {
  if (caller.url === stack().url) return api(method, path, { ...options, token: caller.token });
  const response = await fetch(`${caller.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${caller.token}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text ? JSON.parse(text) : undefined,
    cookies: [],
  } as ApiResponse;
};

let admin: Session;
let outsider: Session;

beforeAll(async () => {
  [admin, outsider] = await Promise.all([signInAs('admin'), signInAs('owner', 'brightside-plumbing')]);
});

const newOrganization = async () => {
  const org = await createOrganization(admin.token, `Import Org ${uniqueSuffix()}`);
  const session = await inviteAndAccept(admin.token, {
    email: `owner-${uniqueSuffix()}@example.com`,
    name: 'Ines Importer',
    role: 'owner',
    orgId: org.id,
  });
  const owner: Caller = { ...session, url: stack().url };
  return { org, owner };
};

const importsPath = (orgId: string) => `/api/orgs/${orgId}/imports`;

/** Starts an import and posts the file to the presigned POST, as the browser does. */
const upload = async (
  session: Caller,
  orgId: string,
  fileName: string,
  bytes: Uint8Array,
  size = bytes.length,
) => {
  const created = await callAt(session, 'POST', importsPath(orgId), {
    body: { target: 'leads', fileName, size },
  });
  expect(created.status, created.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(created.json.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), fileName);
  const posted = await fetch(created.json.upload.url, { method: 'POST', body: form });
  expect(posted.status).toBeLessThan(300);
  return created.json.import as ImportView;
};

const complete = (session: Caller, orgId: string, importId: string) =>
  callAt(session, 'POST', `${importsPath(orgId)}/${importId}/uploaded`);

const getImport = async (session: Caller, orgId: string, importId: string) => {
  const response = await callAt(session, 'GET', `${importsPath(orgId)}/${importId}`);
  expect(response.status, response.text).toBe(200);
  return response.json as ImportView;
};

/** Polls the import until it reaches `status`, returning every state seen on the way. */
const waitFor = async (
  session: Caller,
  orgId: string,
  importId: string,
  status: string,
  timeoutMs = 60_000,
) => {
  const seen: ImportView[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const current = await getImport(session, orgId, importId);
    seen.push(current);
    if (current.status === status) return seen;
    if (current.status === 'failed') throw new Error(`Import failed: ${current.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Import did not reach ${status}: ${JSON.stringify(seen.at(-1))}`);
};

const check = (session: Caller, orgId: string, preview: PreviewView) =>
  callAt(session, 'POST', `${importsPath(orgId)}/${preview.import.id}/check`, { body: preview.settings });

const run = (session: Caller, orgId: string, importId: string) =>
  callAt(session, 'POST', `${importsPath(orgId)}/${importId}/run`);

/** Upload, preview, dry run and run with the guessed settings; answers the finished import. */
const importFile = async (session: Caller, orgId: string, fileName: string, text: string) => {
  const started = await upload(session, orgId, fileName, new TextEncoder().encode(text));
  const preview = await complete(session, orgId, started.id);
  expect(preview.status, preview.text).toBe(200);
  expect((await check(session, orgId, preview.json)).status).toBe(202);
  const checked = (await waitFor(session, orgId, started.id, 'checked')).at(-1)!;
  expect((await run(session, orgId, started.id)).status).toBe(202);
  const done = (await waitFor(session, orgId, started.id, 'completed')).at(-1)!;
  return { checked, done };
};

const leadsOf = async (session: Caller, orgId: string) =>
  (await walkPages<LeadView>(`/api/orgs/${orgId}/leads?limit=100`, session.token)).flat();

const sample = [
  'Full Name,E-Mail,Phone,Service,Notes,Lead source',
  'Anna Berg,anna@example.com,+49 30 1111111,Boiler repair,Prefers mornings,Fair 2026',
  'Bert Cole,bert@example.com,,Drain cleaning,,',
  'Cara Dahl,not-an-email,,Leak,,',
  'Anna Again,ANNA@example.com,,,,',
  '"=HYPERLINK(""http://evil.example"")",eve@example.com,,,,',
  '',
  'Dan Ek,,+49 30 2222222,Heating,,',
].join('\r\n');

describe('importing leads from a CSV file', () => {
  it('uploads to the presigned POST, guesses the mapping, dry-runs, imports, and a second import changes nothing', async () => {
    const { org, owner } = await newOrganization();
    const started = await upload(owner, org.id, 'leads.csv', new TextEncoder().encode(sample));
    expect(started.status).toBe('uploading');

    const preview = await complete(owner, org.id, started.id);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.settings).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      hasHeader: true,
      mapping: ['name', 'email', 'phone', 'serviceWanted', 'notes', 'source'],
    });
    expect(preview.json.columns).toEqual(['Full Name', 'E-Mail', 'Phone', 'Service', 'Notes', 'Lead source']);
    expect(preview.json.rows[0]).toEqual({
      line: 2,
      cells: [
        'Anna Berg',
        'anna@example.com',
        '+49 30 1111111',
        'Boiler repair',
        'Prefers mornings',
        'Fair 2026',
      ],
    });
    expect(preview.json.missing).toEqual([]);
    expect(preview.json.problems).toContainEqual({
      line: 4,
      column: 'Email',
      message: 'Must be an email address',
    });

    expect((await check(owner, org.id, preview.json)).status).toBe(202);
    const checked = (await waitFor(owner, org.id, started.id, 'checked')).at(-1)!;
    expect(checked.totalRows).toBe(6);
    expect(checked.rejectedRows).toBe(2);
    expect(checked.rejectedSample.map(({ line, message }) => [line, message])).toEqual([
      [4, 'Must be an email address'],
      [5, 'Same email address as line 2: only the first row is imported'],
    ]);
    expect(checked.duplicates).toEqual([{ key: 'email address', value: 'anna@example.com', lines: [2, 5] }]);
    expect(checked.check).toMatchObject({ new: 4, updated: 0, unchanged: 0, rejected: 0, rowsDone: 4 });
    expect(await leadsOf(owner, org.id)).toEqual([]);

    expect((await run(owner, org.id, started.id)).status).toBe(202);
    const done = (await waitFor(owner, org.id, started.id, 'completed')).at(-1)!;
    expect(done.run).toMatchObject({ new: 4, updated: 0, unchanged: 0, rejected: 0, rowsDone: 4 });

    const leads = await leadsOf(owner, org.id);
    expect(leads.map((lead) => lead.name).sort()).toEqual(
      ['=HYPERLINK("http://evil.example")', 'Anna Berg', 'Bert Cole', 'Dan Ek'].sort(),
    );
    const anna = leads.find((lead) => lead.name === 'Anna Berg')!;
    expect(anna).toMatchObject({
      source: 'import',
      status: 'new',
      email: 'anna@example.com',
      phone: '+49 30 1111111',
      serviceWanted: 'Boiler repair',
      notes: 'Prefers mornings\nSource: Fair 2026',
      createdBy: 'Ines Importer',
    });
    await eventsSettled();
    const created = (await publishedEvents()).filter(
      (event) => event['detail-type'] === 'lead.created' && event.detail.orgId === org.id,
    );
    expect(created.map((event) => event.detail.source)).toEqual(['import', 'import', 'import', 'import']);

    const again = await importFile(owner, org.id, 'leads.csv', sample);
    expect(again.checked.check).toMatchObject({ new: 0, updated: 0, unchanged: 4 });
    expect(again.checked.existingMatches.map((match) => match.line).sort()).toEqual([2, 3, 6, 8]);
    expect(again.done.run).toMatchObject({ new: 0, updated: 0, unchanged: 4, rejected: 0 });
    expect(await leadsOf(owner, org.id)).toHaveLength(4);
  });

  it('updates an open lead matched by email and leaves what an empty cell does not say', async () => {
    const { org, owner } = await newOrganization();
    await importFile(
      owner,
      org.id,
      'first.csv',
      'Name,Email,Service\nAnna Berg,anna@example.com,Boiler repair\n',
    );
    const { checked, done } = await importFile(
      owner,
      org.id,
      'second.csv',
      'Name,Email,Phone,Service\nAnna Berg,anna@example.com,+49 30 3333333,\n',
    );
    expect(checked.check).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
    expect(checked.existingMatches).toMatchObject([{ line: 2, label: 'Anna Berg', outcome: 'updated' }]);
    expect(done.run).toMatchObject({ updated: 1 });
    const [anna] = await leadsOf(owner, org.id);
    expect(anna).toMatchObject({ phone: '+49 30 3333333', serviceWanted: 'Boiler repair', version: 2 });
  });

  it('names a Windows-1252 file as such and imports its umlauts once the encoding is confirmed', async () => {
    const { org, owner } = await newOrganization();
    const text = 'Vorname;Nachname;E-Mail;Notiz\nJürgen;Müller;jm@example.de;Preis 50 €\n';
    const bytes = new Uint8Array([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
    const started = await upload(owner, org.id, 'kunden.csv', bytes);
    const preview = await complete(owner, org.id, started.id);
    expect(preview.json.import.detected).toMatchObject({
      encoding: 'windows-1252',
      certain: false,
      note: 'This file looks like Windows-1252, not UTF-8',
      delimiter: ';',
    });
    expect(preview.json.settings.mapping).toEqual(['firstName', 'lastName', 'email', 'notes']);
    expect(preview.json.rows[0].cells).toEqual(['Jürgen', 'Müller', 'jm@example.de', 'Preis 50 €']);

    const asUtf8 = await check(owner, org.id, {
      ...preview.json,
      settings: { ...preview.json.settings, encoding: 'utf-8' },
    });
    expect(asUtf8.status).toBe(400);
    expect(asUtf8.json.errors).toEqual([
      { path: 'encoding', message: 'The file is not valid UTF-8. Choose the encoding it was saved in.' },
    ]);

    expect((await check(owner, org.id, preview.json)).status).toBe(202);
    await waitFor(owner, org.id, started.id, 'checked');
    expect((await run(owner, org.id, started.id)).status).toBe(202);
    await waitFor(owner, org.id, started.id, 'completed');
    expect(await leadsOf(owner, org.id)).toMatchObject([{ name: 'Jürgen Müller', notes: 'Preis 50 €' }]);
  });

  it('downloads the rejected rows as CSV with line, reason and the row, formulas defused', async () => {
    const { org, owner } = await newOrganization();
    const { done } = await importFile(
      owner,
      org.id,
      'bad.csv',
      'Name,Email\nGood,good@example.com\n=1+2,nope\n"open,x@example.com\n',
    );
    expect(done.rejectedRows).toBe(2);
    const response = await api('GET', `${importsPath(org.id)}/${done.id}/rejected`, { token: owner.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="bad-rejected.csv"');
    expect(response.text).toBe(
      [
        'Line,Reason,Name,Email',
        "3,Email: Must be an email address,'=1+2,nope",
        '4,A quote opened in this row is never closed',
        '',
      ].join('\r\n'),
    );
  });

  it('imports 10,000 rows as a background job whose progress goes up chunk by chunk', async () => {
    const own = await startStack({ PORTICO_SCHEDULES: '0' });
    onTestFinished(own.stop);
    const demoOwner = own.info.signIns.find((candidate) => candidate.role === 'owner')!;
    const signedIn = await fetch(`${own.info.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoOwner.email, password: demoOwner.password }),
    });
    const session = (await signedIn.json()) as { accessToken: string; user: Session['user'] };
    const owner: Caller = { token: session.accessToken, cookie: '', user: session.user, url: own.info.url };
    const org = { id: session.user.orgId! };
    const lines = ['Name,Email,Phone'];
    for (let index = 0; index < 10_000; index++)
      lines.push(`Lead ${index},bulk-${index}@import.example,+1 555 ${String(index).padStart(7, '0')}`);
    const started = await upload(owner, org.id, 'big.csv', new TextEncoder().encode(lines.join('\n')));
    const preview = await complete(owner, org.id, started.id);
    expect((await check(owner, org.id, preview.json)).status).toBe(202);
    const checked = (await waitFor(owner, org.id, started.id, 'checked', 120_000)).at(-1)!;
    expect(checked.check).toMatchObject({ new: 10_000, rowsDone: 10_000, chunksDone: 20 });

    const accepted = await run(owner, org.id, started.id);
    expect(accepted.status).toBe(202);
    expect(accepted.json.run).toMatchObject({ rowsDone: 0 });
    const seen = await waitFor(owner, org.id, started.id, 'completed', 240_000);
    const progress = seen.map((state) => state.run!.rowsDone);
    expect(new Set(progress).size).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(seen.at(-1)!.run).toMatchObject({ new: 10_000, rowsDone: 10_000, rejected: 0 });
    const imported = await callAt(owner, 'GET', `/api/orgs/${org.id}/leads?source=import&limit=100`);
    expect(imported.json.items).toHaveLength(100);
  }, 400_000);
});

describe('what an import refuses', () => {
  it('answers 404 for another organization’s import, whatever the route', async () => {
    const { org, owner } = await newOrganization();
    const started = await upload(
      owner,
      org.id,
      'mine.csv',
      new TextEncoder().encode('Name,Email\nA,a@example.com\n'),
    );
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', '/uploaded'],
      ['POST', '/run'],
      ['GET', '/rejected'],
    ] as const) {
      const response = await api(method, `${importsPath(org.id)}/${started.id}${suffix}`, {
        token: outsider.token,
      });
      expect(response.status).toBe(404);
    }
    const viaOwnPath = await api('GET', `${importsPath(outsider.user.orgId!)}/${started.id}`, {
      token: outsider.token,
    });
    expect(viaOwnPath.status).toBe(404);
  });

  it('refuses a 50 MB file before the upload, and a file larger than announced when it arrives', async () => {
    const { org, owner } = await newOrganization();
    const tooLarge = await api('POST', importsPath(org.id), {
      token: owner.token,
      body: { target: 'leads', fileName: 'huge.csv', size: 50 * 1024 * 1024 },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.detail).toBe(
      'The file is 50 MB; an import takes at most 20 MB. Split it into smaller files.',
    );

    const big = new Uint8Array(21 * 1024 * 1024).fill(0x61);
    const started = await upload(owner, org.id, 'sneaky.csv', big, 1000);
    const completed = await complete(owner, org.id, started.id);
    expect(completed.status).toBe(413);
    expect((await getImport(owner, org.id, started.id)).status).toBe('failed');
  });

  it('refuses a PNG renamed .csv with a clear problem', async () => {
    const { org, owner } = await newOrganization();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
    const started = await upload(owner, org.id, 'photo.csv', png);
    const completed = await complete(owner, org.id, started.id);
    expect(completed.status).toBe(415);
    expect(completed.json.detail).toBe(
      'This file is a PNG image, not a CSV file. Save it as CSV and try again.',
    );
    expect(await getImport(owner, org.id, started.id)).toMatchObject({
      status: 'failed',
      error: 'This file is a PNG image, not a CSV file. Save it as CSV and try again.',
    });
  });

  it('refuses a dry run whose mapping lacks a required field', async () => {
    const { org, owner } = await newOrganization();
    const started = await upload(
      owner,
      org.id,
      'x.csv',
      new TextEncoder().encode('Name,Email\nA,a@example.com\n'),
    );
    const preview = (await complete(owner, org.id, started.id)).json as PreviewView;
    const response = await check(owner, org.id, {
      ...preview,
      settings: { ...preview.settings, mapping: ['name', null] },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'mapping', message: 'Map a column to Email or Phone' }]);
    expect((await getImport(owner, org.id, started.id)).status).toBe('uploaded');
  });
});
