import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { findOrInviteGuest } from '../identity';
import type { CreateSpeakerInput, SpeakerView, UpdateSpeakerInput } from './contracts';
import type { ConferenceItem, SpeakerItem } from './model';
import * as repo from './repository';
import { isOrganizer, loadConference } from './service';

/** Contact details and the linked account are for organizers; everyone else reads the public profile. */
export const speakerViewFor = (speaker: SpeakerItem, organizer: boolean) => {
  const publicView = {
    id: speaker.id,
    name: speaker.name,
    title: speaker.title,
    company: speaker.company,
    bio: speaker.bio,
    photoUrl: speaker.photoUrl,
    links: speaker.links,
  };
  if (!organizer) return publicView;
  return {
    ...publicView,
    email: speaker.email,
    phone: speaker.phone,
    userId: speaker.userId,
    version: speaker.version,
  } satisfies SpeakerView;
};

/** The same person across conferences: their account, else their email (hashed: keys are not contact data). */
const personOf = (userId: string | null, email: string | null, speakerId: string) =>
  userId ?? (email ? createHash('sha256').update(email).digest('base64url') : speakerId);

const speakerInvitation = (principal: Principal, conference: ConferenceItem) => ({
  subject: `${principal.name} invited you to speak at ${conference.name}`,
  paragraph: `${principal.name} added you as a speaker at ${conference.name} (${conference.startDate} – ${conference.endDate}). Accept to set up your account and see your sessions.`,
});

export const createSpeaker = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: CreateSpeakerInput,
): Promise<SpeakerView> => {
  const conference = await loadConference(orgId, conferenceId);
  if (conference.status === 'archived') throw new ConflictError('This event is archived');
  const { invite, ...profile } = input;
  let linked: { userId: string; email: string; name: string; invited: boolean } | undefined;
  if (invite) {
    if (!profile.email)
      throw new ValidationError([{ path: 'email', message: 'Give the speaker’s email to invite them' }]);
    const { user, invited } = await findOrInviteGuest(
      principal,
      { email: profile.email, name: profile.name },
      speakerInvitation(principal, conference),
    );
    linked = { userId: user.id, email: user.email, name: user.name, invited };
  }
  const id = ulid();
  const now = new Date().toISOString();
  const speaker: SpeakerItem = {
    id,
    ...profile,
    photoUrl: null,
    userId: linked?.userId ?? null,
    person: personOf(linked?.userId ?? null, profile.email, id),
    version: 1,
    updatedAt: now,
  };
  await repo.putSpeaker(
    orgId,
    conferenceId,
    conference.startDate,
    speaker,
    null,
    linked && { ...linked, role: 'speaker', addedAt: now },
  );
  return speakerViewFor(speaker, true) as SpeakerView;
};

export const updateSpeaker = async (
  orgId: string,
  conferenceId: string,
  speakerId: string,
  input: UpdateSpeakerInput,
): Promise<SpeakerView> => {
  const conference = await loadConference(orgId, conferenceId);
  const current = await repo.getSpeaker(orgId, conferenceId, speakerId);
  if (!current) throw new NotFoundError();
  const { version, ...change } = input;
  const next: SpeakerItem = {
    ...current,
    ...change,
    person: current.userId ? current.person : personOf(null, change.email ?? current.email, current.id),
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await repo.putSpeaker(orgId, conferenceId, conference.startDate, next, version);
  return speakerViewFor(next, true) as SpeakerView;
};

export const listSpeakers = async (principal: Principal, orgId: string, conferenceId: string) => {
  const agenda = await repo.readAgenda(orgId, conferenceId);
  if (!agenda.conference) throw new NotFoundError();
  const organizer = isOrganizer(principal, orgId);
  return { items: agenda.speakers.map((speaker) => speakerViewFor(speaker, organizer)) };
};

/** Where the same person spoke in this organization's conferences, newest first. */
export const speakingHistory = async (orgId: string, conferenceId: string, speakerId: string) => {
  const speaker = await repo.getSpeaker(orgId, conferenceId, speakerId);
  if (!speaker) throw new NotFoundError();
  const entries = await repo.speakerHistory(orgId, speaker.person);
  const conferences = await repo.getConferences(
    orgId,
    entries.map((entry) => entry.conferenceId),
  );
  return {
    items: entries.flatMap((entry) => {
      const conference = conferences.get(entry.conferenceId);
      if (!conference) return [];
      return [
        {
          conferenceId: entry.conferenceId,
          conferenceName: conference.name,
          startDate: conference.startDate,
          speakerId: entry.speakerId,
        },
      ];
    }),
  };
};
