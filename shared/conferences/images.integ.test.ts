import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, stack, uniqueSuffix } from '../../test/integ/api';

/**
 * An event's logo and speaker photos through the local cloud: the presigned POST to s3rver, the API's own
 * checks of what arrived (s3rver ignores the POST policy), and the public link that redirects to the file.
 */

let owner: Session; // northwind-events
let outsider: Session; // brightside-plumbing
let orgId: string;

beforeAll(async () => {
  [owner, outsider] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
});

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1]);
const webp = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
]);
const pdf = new TextEncoder().encode('%PDF-1.7 not an image');

const newConference = async (privacy: 'public' | 'invitation-only' = 'invitation-only') => {
  const response = await api('POST', `/api/orgs/${orgId}/conferences`, {
    token: owner.token,
    body: {
      name: `Pictures ${uniqueSuffix()}`,
      startDate: '2027-05-03',
      endDate: '2027-05-03',
      timeZone: 'UTC',
      privacy,
    },
  });
  expect(response.status, response.text).toBe(201);
  return `/api/orgs/${orgId}/conferences/${response.json.id}`;
};

type Target =
  | { kind: 'logo' }
  | { kind: 'speaker-photo'; speakerId: string }
  | { kind: 'sponsor-logo'; sponsorId: string };

/** Asks for a presigned POST, sends the bytes to it as the browser does, and completes the upload. */
const upload = async (
  base: string,
  target: Target,
  contentType: string,
  bytes: Uint8Array,
  announcedSize = bytes.length,
) => {
  const created = await api('POST', `${base}/images`, {
    token: owner.token,
    body: { target, contentType, size: announcedSize },
  });
  expect(created.status, created.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(created.json.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
  expect((await fetch(created.json.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const complete = () =>
    api('POST', `${base}/images/${created.json.imageId}/complete`, { token: owner.token, body: { target } });
  return { complete, imageId: created.json.imageId as string };
};

describe('event images', () => {
  it('keep an uploaded logo and serve it without sign-in through a redirect to the file', async () => {
    const base = await newConference();
    const { complete, imageId } = await upload(base, { kind: 'logo' }, 'image/png', png);
    const completed = await complete();
    expect(completed.status, completed.text).toBe(200);
    expect(completed.json.url).toBe(`/api/public${base.slice(4)}/images/${imageId}`);

    const conference = await api('GET', base, { token: owner.token });
    expect(conference.json.logoUrl).toBe(completed.json.url);

    const redirect = await fetch(`${stack().url}${completed.json.url}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('public, max-age=240');
    const file = await fetch(redirect.headers.get('location')!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);

    // The staged copy is gone: completing again finds nothing.
    expect((await complete()).status).toBe(409);
  });

  it('make an uploaded photo the speaker’s, shown with the agenda', async () => {
    const base = await newConference();
    const speaker = await api('POST', `${base}/speakers`, {
      token: owner.token,
      body: { name: 'Pia Photo' },
    });
    expect(speaker.status, speaker.text).toBe(201);
    const target = { kind: 'speaker-photo' as const, speakerId: speaker.json.id };
    const completed = await (await upload(base, target, 'image/jpeg', jpeg)).complete();
    expect(completed.status, completed.text).toBe(200);
    const agenda = await api('GET', `${base}/agenda`, { token: owner.token });
    expect(agenda.json.speakers).toEqual([
      expect.objectContaining({ name: 'Pia Photo', photoUrl: completed.json.url }),
    ]);
  });

  it('show on the public event page, without sign-in: the uploaded photo and logos, each serving its file', async () => {
    const base = await newConference('public');
    const conferenceId = base.split('/').at(-1)!;
    const speaker = await api('POST', `${base}/speakers`, {
      token: owner.token,
      body: { name: 'Pia Public' },
    });
    expect(speaker.status, speaker.text).toBe(201);
    const photoTarget = { kind: 'speaker-photo' as const, speakerId: speaker.json.id };
    const photo = await (await upload(base, photoTarget, 'image/jpeg', jpeg)).complete();
    expect(photo.status, photo.text).toBe(200);
    const logo = await (await upload(base, { kind: 'logo' }, 'image/png', png)).complete();
    expect(logo.status, logo.text).toBe(200);
    const tiers = await api('PUT', `${base}/sponsor-tiers`, {
      token: owner.token,
      body: { version: 0, tiers: [{ name: 'Gold', size: 'large' }] },
    });
    expect(tiers.status, tiers.text).toBe(200);
    const sponsorIds: string[] = [];
    for (const [name, logoUrl] of [
      ['Acme Rockets', null],
      // A sponsor may also keep a logo where it is hosted already: the page carries that link.
      ['Beta Boosters', 'https://cdn.beta.example/logo.png'],
    ] as const) {
      const sponsor = await api('POST', `${base}/sponsors`, {
        token: owner.token,
        body: { name, tierId: tiers.json.tiers[0].id, logoUrl, rank: sponsorIds.length + 1 },
      });
      expect(sponsor.status, sponsor.text).toBe(201);
      sponsorIds.push(sponsor.json.id);
    }
    const sponsorTarget = { kind: 'sponsor-logo' as const, sponsorId: sponsorIds[0]! };
    const sponsorLogo = await (await upload(base, sponsorTarget, 'image/webp', webp)).complete();
    expect(sponsorLogo.status, sponsorLogo.text).toBe(200);

    const page = await api('GET', `/api/public/orgs/${orgId}/conferences/${conferenceId}`);
    expect(page.status, page.text).toBe(200);
    expect(page.json.conference.logoUrl).toBe(logo.json.url);
    expect(page.json.speakers).toEqual([
      expect.objectContaining({ id: speaker.json.id, name: 'Pia Public', photoUrl: photo.json.url }),
    ]);
    expect(page.json.sponsorTiers).toEqual([
      expect.objectContaining({
        name: 'Gold',
        sponsors: [
          expect.objectContaining({ name: 'Acme Rockets', logoUrl: sponsorLogo.json.url }),
          expect.objectContaining({ name: 'Beta Boosters', logoUrl: 'https://cdn.beta.example/logo.png' }),
        ],
      }),
    ]);

    for (const [url, type, bytes] of [
      [photo.json.url as string, 'image/jpeg', jpeg],
      [logo.json.url as string, 'image/png', png],
      [sponsorLogo.json.url as string, 'image/webp', webp],
    ] as const) {
      const redirect = await fetch(`${stack().url}${url}`, { redirect: 'manual' });
      expect(redirect.status, url).toBe(302);
      const file = await fetch(redirect.headers.get('location')!);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe(type);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    }
  });

  it('refuse a wrong type, a file that is not what it claims, and a file too large, saying why', async () => {
    const base = await newConference();
    const gif = await api('POST', `${base}/images`, {
      token: owner.token,
      body: { target: { kind: 'logo' }, contentType: 'image/gif', size: 100 },
    });
    expect(gif.status).toBe(400);
    expect(gif.json.errors).toEqual([{ path: 'contentType', message: 'Must be a PNG, JPEG or WebP image' }]);

    const big = await api('POST', `${base}/images`, {
      token: owner.token,
      body: { target: { kind: 'logo' }, contentType: 'image/png', size: 3 * 1024 * 1024 },
    });
    expect(big.status).toBe(413);
    expect(big.json.detail).toBe(
      'The image is 3.00 MB; it may be at most 2 MB. Save it smaller and try again.',
    );

    const disguised = await (await upload(base, { kind: 'logo' }, 'image/png', pdf)).complete();
    expect(disguised.status).toBe(415);
    expect(disguised.json.detail).toBe('This file is not a PNG, JPEG or WebP image');

    // s3rver takes more than the policy allows; the API does not.
    const oversized = new Uint8Array(2 * 1024 * 1024 + 1);
    oversized.set(png);
    const tooLarge = await (await upload(base, { kind: 'logo' }, 'image/png', oversized, 1000)).complete();
    expect(tooLarge.status).toBe(413);
    expect((await api('GET', base, { token: owner.token })).json.logoUrl).toBeNull();
  });

  it('answer 404 to another organization, and for a speaker or sponsor the event does not have', async () => {
    const base = await newConference();
    const foreign = await api('POST', `${base}/images`, {
      token: outsider.token,
      body: { target: { kind: 'logo' }, contentType: 'image/png', size: 100 },
    });
    expect(foreign.status).toBe(404);
    const unknownSpeaker = await api('POST', `${base}/images`, {
      token: owner.token,
      body: {
        target: { kind: 'speaker-photo', speakerId: '01J00000000000000000000000' },
        contentType: 'image/png',
        size: 100,
      },
    });
    expect(unknownSpeaker.status).toBe(404);
    const unknownSponsor = await api('POST', `${base}/images`, {
      token: owner.token,
      body: {
        target: { kind: 'sponsor-logo', sponsorId: '01J00000000000000000000000' },
        contentType: 'image/png',
        size: 100,
      },
    });
    expect(unknownSponsor.status).toBe(404);
  });
});
