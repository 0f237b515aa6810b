import { expect } from 'vitest';
import { api, linkToken, type Session, uniqueSuffix, waitForEmail } from './api';

/** The password every guest these helpers register signs in with. */
export const guestPassword = 'correct horse battery staple';

/**
 * An event of `owner`'s organization, made through the API: a one-day summit in Berlin (networking and
 * chat on, the API's default), unless `overrides` say otherwise.
 */
export const createConferenceAs = async (owner: Session, overrides: Record<string, unknown> = {}) => {
  const response = await api('POST', `/api/orgs/${owner.user.orgId}/conferences`, {
    token: owner.token,
    body: {
      name: `Summit ${uniqueSuffix()}`,
      startDate: '2027-08-01',
      endDate: '2027-08-01',
      timeZone: 'Europe/Berlin',
      ...overrides,
    },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; orgId: string; name: string; version: number };
};

/**
 * Invites a new person to an event of `inviter`'s organization and registers them through the emailed
 * link: a guest of no organization, signed in. `invitation` adds to the invitation (role, group, networking).
 */
export const registerGuest = async (
  inviter: Session,
  conferenceId: string,
  name: string,
  invitation: Record<string, unknown> = {},
): Promise<Session> => {
  const email = `${name.toLowerCase()}-${uniqueSuffix()}@example.com`;
  const invited = await api(
    'POST',
    `/api/orgs/${inviter.user.orgId}/conferences/${conferenceId}/registrations`,
    { token: inviter.token, body: { people: [{ email, name }], ...invitation } },
  );
  expect(invited.status, invited.text).toBe(200);
  const token = linkToken(await waitForEmail(email, /invited you to/), '/conference-invitation');
  const registered = await api('POST', '/api/public/conference-invitations/register', {
    body: { token, name, password: guestPassword, answers: {} },
  });
  expect(registered.status, registered.text).toBe(200);
  return { token: registered.json.accessToken, cookie: '', user: registered.json.user };
};
