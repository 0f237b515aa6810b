import { describe, expect, it } from 'vitest';
import { conferenceNav } from './conference-nav';

const orgId = '01J0RG00000000000000000000';
const conferenceId = '01JC0NF0000000000000000000';
const labels = (features?: { chat: boolean } | null) =>
  conferenceNav(orgId, conferenceId, features).map((item) => item.label);

describe('the event’s organizer menu', () => {
  it('leads to the event’s chat while its chat is on', () => {
    const chat = conferenceNav(orgId, conferenceId, { chat: true }).find((item) => item.label === 'Chat');
    expect(chat?.to).toBe(`/conferences/${orgId}/${conferenceId}/chat`);
  });

  it('has no Chat while the event’s chat is off, or before the event has loaded', () => {
    for (const features of [{ chat: false }, null, undefined]) expect(labels(features)).not.toContain('Chat');
  });
});
