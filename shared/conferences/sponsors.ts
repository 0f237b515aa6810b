import { ulid } from 'ulid';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../http/errors';
import { loadConference } from './service';
import type {
  CreateSponsorInput,
  SaveTiersInput,
  SponsorView,
  TierView,
  UpdateSponsorInput,
} from './sponsor-contracts';
import type { SponsorItem } from './sponsor-repository';
import * as sponsors from './sponsor-repository';

const byRank = (a: SponsorItem, b: SponsorItem) => a.rank - b.rank || a.name.localeCompare(b.name);

const toPublic = ({
  contact: _c,
  version: _v,
  representativeIds: _r,
  createdAt: _a,
  updatedAt: _u,
  ...view
}: SponsorItem) => view;

const toView = (sponsor: SponsorItem, names: Map<string, string>, organizer: boolean): SponsorView => ({
  ...toPublic(sponsor),
  representatives: sponsor.representativeIds.flatMap((userId) => {
    const name = names.get(userId);
    return name === undefined ? [] : [{ userId, name }];
  }),
  contact: organizer ? sponsor.contact : null,
  version: sponsor.version,
});

const viewsOf = async (
  orgId: string,
  conferenceId: string,
  items: readonly SponsorItem[],
  organizer: boolean,
) => {
  const names = await sponsors.rosterNames(orgId, conferenceId, [
    ...new Set(items.flatMap((s) => s.representativeIds)),
  ]);
  return items.map((sponsor) => toView(sponsor, names, organizer));
};

/** Tiers in order and sponsors by tier and rank; contacts only for organizers. */
export const listSponsors = async (orgId: string, conferenceId: string, organizer: boolean) => {
  // Side by side: a showcase read for a conference that turns out not to exist is only wasted.
  const [, showcase] = await Promise.all([
    loadConference(orgId, conferenceId),
    sponsors.readShowcase(orgId, conferenceId),
  ]);
  const order = new Map(showcase.tiers.map((tier, index) => [tier.id, index]));
  const sorted = [...showcase.sponsors].sort(
    (a, b) => (order.get(a.tierId) ?? 99) - (order.get(b.tierId) ?? 99) || byRank(a, b),
  );
  return {
    tiersVersion: showcase.tiersVersion,
    tiers: showcase.tiers,
    sponsors: await viewsOf(orgId, conferenceId, sorted, organizer),
  };
};

/**
 * Replaces the ordered tiers. A tier keeps its id when sent with it (new ones get one); a tier that still
 * has sponsors cannot be left out (409), and an unknown id is refused.
 */
export const saveTiers = async (orgId: string, conferenceId: string, input: SaveTiersInput) => {
  await loadConference(orgId, conferenceId);
  const current = await sponsors.readShowcase(orgId, conferenceId);
  const known = new Set(current.tiers.map((tier) => tier.id));
  const unknown = input.tiers.findIndex((tier) => tier.id && !known.has(tier.id));
  if (input.version !== current.tiersVersion) throw new VersionConflictError(current.tiersVersion);
  if (unknown >= 0)
    throw new ValidationError([{ path: `tiers.${unknown}.id`, message: 'Not a tier of this event' }]);
  const tiers: TierView[] = input.tiers.map((tier) => ({
    id: tier.id ?? ulid(),
    name: tier.name,
    size: tier.size,
  }));
  const kept = new Set(tiers.map((tier) => tier.id));
  const orphaned = current.sponsors.filter((sponsor) => !kept.has(sponsor.tierId));
  if (orphaned.length)
    throw new ConflictError(
      `Move or remove the sponsors of a tier before removing it (${orphaned.map((s) => s.name).join(', ')})`,
    );
  await sponsors.saveTiers(orgId, conferenceId, tiers, input.version);
  return listSponsors(orgId, conferenceId, true);
};

/** The tier must exist and each representative must have a role in the conference. */
const checkReferences = async (
  orgId: string,
  conferenceId: string,
  sponsor: Pick<SponsorItem, 'tierId' | 'representativeIds'>,
  read?: sponsors.Showcase,
) => {
  const [showcase, names] = await Promise.all([
    read ?? sponsors.readShowcase(orgId, conferenceId),
    sponsors.rosterNames(orgId, conferenceId, sponsor.representativeIds),
  ]);
  const errors = [];
  if (!showcase.tiers.some((tier) => tier.id === sponsor.tierId))
    errors.push({ path: 'tierId', message: 'Not a tier of this event' });
  sponsor.representativeIds.forEach((userId, index) => {
    if (!names.has(userId))
      errors.push({ path: `representativeIds.${index}`, message: 'Not a person with a role in this event' });
  });
  if (errors.length) throw new ValidationError(errors);
  return { showcase, names };
};

export const createSponsor = async (orgId: string, conferenceId: string, input: CreateSponsorInput) => {
  const conference = await loadConference(orgId, conferenceId);
  if (conference.status !== 'active') throw new ConflictError('This event is archived');
  const { names } = await checkReferences(orgId, conferenceId, input);
  const now = new Date().toISOString();
  const sponsor: SponsorItem = { id: ulid(), ...input, version: 1, createdAt: now, updatedAt: now };
  await sponsors.putSponsor(orgId, conferenceId, sponsor, null);
  return toView(sponsor, names, true);
};

export const updateSponsor = async (
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  input: UpdateSponsorInput,
) => {
  const { version, ...change } = input;
  const showcase = await sponsors.readShowcase(orgId, conferenceId);
  const current = showcase.sponsors.find((s) => s.id === sponsorId);
  if (!current) throw new NotFoundError();
  if (current.version !== version) throw new VersionConflictError(current.version);
  const next: SponsorItem = {
    ...current,
    ...change,
    version: version + 1,
    updatedAt: new Date().toISOString(),
  };
  const { names } = await checkReferences(orgId, conferenceId, next, showcase);
  await sponsors.putSponsor(orgId, conferenceId, next, version);
  return toView(next, names, true);
};

export const deleteSponsor = (orgId: string, conferenceId: string, sponsorId: string) =>
  sponsors.deleteSponsor(orgId, conferenceId, sponsorId);

/** The public page's showcase: tiers in order with their sponsors by rank, public fields only. */
export const sponsorShowcase = async (orgId: string, conferenceId: string) => {
  const { tiers, sponsors: items } = await sponsors.readShowcase(orgId, conferenceId);
  return tiers.map((tier) => ({
    ...tier,
    sponsors: items
      .filter((sponsor) => sponsor.tierId === tier.id)
      .sort(byRank)
      .map(toPublic),
  }));
};
