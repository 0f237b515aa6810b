import type { ConferenceItem } from './model';

/**
 * For unit tests: a stored conference as repositories hand it to services (an active two-day event in
 * Berlin, invitation only, networking and chat on); `overrides` change any field.
 */
export const conferenceItem = (overrides: Partial<ConferenceItem> = {}): ConferenceItem => ({
  id: '01JC0NF0000000000000000001',
  orgId: '01J0RG00000000000000000001',
  name: 'Harbour Summit',
  description: '',
  startDate: '2027-09-01',
  endDate: '2027-09-02',
  timeZone: 'Europe/Berlin',
  venue: { kind: 'virtual', url: null },
  branding: { primaryColor: '#0b7285', accentColor: '#f08c00' },
  privacy: 'invitation-only',
  features: { networking: true, chat: true },
  registrationFields: [],
  liveLeadMinutes: 5,
  logoUrl: null,
  status: 'active',
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  createdBy: '01J0SER0000000000000000001',
  ...overrides,
});
