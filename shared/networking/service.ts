import { alongside } from '../auth/alongside';
import { gsi1Key, toPage } from '../db/cursor';
import { NotFoundError, ValidationError } from '../http/errors';
import { assertActive, type NetworkingCaller, networkingOn, participation, visibleOther } from './access';
import type {
  CardView,
  LinkState,
  MyProfileView,
  NetworkingSettings,
  PersonView,
  ProfileInput,
} from './contracts';
import type { ProfileItem } from './repository';
import * as repository from './repository';
import { mayMeet } from './rules';

const cardOf = (profile: ProfileItem, link: LinkState | null): CardView => ({
  userId: profile.userId,
  name: profile.name,
  role: profile.role as CardView['role'],
  company: profile.company,
  title: profile.title,
  bio: profile.bio,
  interests: [...profile.interests],
  link,
});

const myProfile = (
  context: Awaited<ReturnType<typeof participation>>,
  profile: ProfileItem,
  availableInterests: string[],
): MyProfileView => ({
  listed: profile.listed,
  company: profile.company,
  title: profile.title,
  bio: profile.bio,
  interests: [...profile.interests],
  contactEmail: profile.contactEmail,
  phone: profile.phone,
  website: profile.website,
  networking: context.viewer.networking,
  group: context.viewer.group,
  availableInterests,
  enabled: networkingOn(context),
  messagesWithoutConnection: context.settings.messagesWithoutConnection,
});

export const getProfile = async (caller: NetworkingCaller, orgId: string, conferenceId: string) => {
  const [context, topics] = await alongside(
    participation(caller, orgId, conferenceId),
    repository.focusTopicsOf(orgId),
  );
  return myProfile(context, context.viewerProfile!, topics);
};

/** Interests come from the organization's focus topics; a person with networking `none` is never listed. */
export const saveProfile = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  input: ProfileInput,
) => {
  // Side by side: the topics are the organization's, and nothing of them is answered unless the caller may.
  const [context, topics] = await alongside(
    participation(caller, orgId, conferenceId),
    repository.focusTopicsOf(orgId),
  );
  const unknown = (input.interests ?? []).flatMap((interest, index) =>
    topics.includes(interest)
      ? []
      : [{ path: `interests.${index}`, message: 'Not one of the event’s topics' }],
  );
  if (unknown.length) throw new ValidationError(unknown);
  const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const profile: ProfileItem = { ...context.viewerProfile!, ...changes };
  if (input.listed) assertActive(context);
  profile.interests = [...new Set(profile.interests)];
  await repository.saveProfile(orgId, conferenceId, profile);
  return myProfile(context, profile, topics);
};

/**
 * Listed people the caller may meet. The index holds cards; whether each person may be shown is decided
 * on the roster as it is now (the organizers may have changed someone's access since they listed
 * themselves) and on blocks in both directions, so a hidden person never appears.
 */
export const listDirectory = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  query: repository.DirectoryQuery,
): Promise<{ items: CardView[]; nextCursor: string | null }> => {
  // Side by side (one round trip): the page is thrown away unless the caller may see the directory.
  const [context, read] = await alongside(
    participation(caller, orgId, conferenceId),
    repository.queryDirectory(orgId, conferenceId, query),
  );
  assertActive(context);
  const { lastEvaluatedKey } = read;
  const items = read.items.filter((item) => item.userId !== caller.userId);
  const candidates = await repository.candidatesOf(
    orgId,
    conferenceId,
    caller.userId,
    items.map((item) => String(item.userId)),
  );
  const shown = items.filter((item) => {
    const candidate = candidates.get(String(item.userId));
    return (
      candidate?.participant &&
      !candidate.blocked &&
      mayMeet(context.viewer, candidate.participant) &&
      (!query.role || candidate.participant.role === query.role)
    );
  });
  const page = toPage(shown, lastEvaluatedKey, query.limit, gsi1Key);
  return {
    items: page.items.map((item) => {
      const candidate = candidates.get(String(item.userId))!;
      return cardOf(repository.profileOf(item, candidate.participant!), candidate.link?.state ?? null);
    }),
    nextCursor: page.nextCursor,
  };
};

/** One person's card; their contact details only once the two are connected. */
export const getPerson = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
): Promise<PersonView> => {
  const context = await participation(caller, orgId, conferenceId, userId);
  assertActive(context);
  const { profile, link } = visibleOther(context);
  const connected = link?.state === 'connected';
  return {
    ...cardOf(profile, link?.state ?? null),
    contact: connected
      ? { email: profile.contactEmail, phone: profile.phone, website: profile.website }
      : null,
  };
};

/** The route policy lets the conference's people and the organization's own in; the conference must exist. */
export const getSettings = async (caller: NetworkingCaller, orgId: string, conferenceId: string) => {
  const context = await repository.readContext(orgId, conferenceId, caller.userId);
  if (!context.conference) throw new NotFoundError('No such event');
  return context.settings;
};

/** The route policy lets organizers (and the organization's owners) in; the conference must exist. */
export const saveSettings = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  settings: NetworkingSettings,
) => {
  const context = await repository.readContext(orgId, conferenceId, caller.userId);
  if (!context.conference) throw new NotFoundError('No such event');
  await repository.saveSettings(orgId, conferenceId, settings);
  return settings;
};
