import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText, requiredSingleLineText, singleLineText } from '../http/text';
import { email } from '../identity/contracts';
import * as z from '../schema/zod';

/**
 * Sponsors of a conference, shown by tier: tiers are an ordered list (first = most prominent) with a
 * display size; each sponsor belongs to one tier, has a logo, a description, links, a contact for the
 * organizers and representatives (people with a role in the conference).
 */

/** An https link, parsed: no other scheme (`javascript:`, `data:`), no credentials; stored normalized. */
export const sponsorLink = z.pipe(
  singleLineText(2048),
  z.transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.issues.push({ code: 'custom', message: 'Must be an https link', input: value });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) {
      ctx.issues.push({
        code: 'custom',
        message: 'Must be an https link to a website, without credentials',
        input: value,
      });
      return z.NEVER;
    }
    return url.href;
  }),
);

export const tierSizes = ['large', 'medium', 'small'] as const;
export const tierSize = z.enum(tierSizes);

export const sponsorTier = z.strictObject({
  /** Left out for a new tier. */
  id: z.optional(id),
  name: requiredSingleLineText(60),
  size: tierSize,
});

export const saveTiersInput = z.strictObject({
  /** The tiers item's version; 0 when the conference has none yet. */
  version: z.number().check(z.int(), z.gte(0)),
  tiers: z.array(sponsorTier).check(
    z.maxLength(10),
    z.refine(
      (tiers) => new Set(tiers.map((t) => t.name.toLowerCase())).size === tiers.length,
      'Each tier name once',
    ),
    z.refine((tiers) => {
      const ids = tiers.flatMap((t) => t.id ?? []);
      return new Set(ids).size === ids.length;
    }, 'Each tier once'),
  ),
});
export type SaveTiersInput = z.infer<typeof saveTiersInput>;

export const tierView = z.object({ id, name: z.string(), size: tierSize });
export type TierView = z.infer<typeof tierView>;

const phone = z.string().check(
  z.trim(),
  z.maxLength(40),
  z.refine((value) => /^\+?[\d\s().-]{7,40}$/.test(value), 'A phone number'),
);

export const sponsorContact = z.strictObject({
  name: requiredSingleLineText(120),
  email: z._default(z.nullable(email), null),
  phone: z._default(z.nullable(phone), null),
});

const sponsorFields = {
  name: requiredSingleLineText(120),
  tierId: id,
  logoUrl: z.nullable(sponsorLink),
  description: multiLineText(2000),
  links: z
    .array(z.strictObject({ label: requiredSingleLineText(40), url: sponsorLink }))
    .check(z.maxLength(8)),
  contact: z.nullable(sponsorContact),
  /** People with a role in the conference who speak for the sponsor. */
  representativeIds: z.array(id).check(
    z.maxLength(10),
    z.refine((ids) => new Set(ids).size === ids.length, 'Each person once'),
  ),
  /** Position within the tier; lower first. */
  rank: z.number().check(z.int(), z.gte(0), z.lte(1000)),
};

export const createSponsorInput = z.strictObject({
  ...sponsorFields,
  logoUrl: z._default(sponsorFields.logoUrl, null),
  description: z._default(sponsorFields.description, ''),
  links: z._default(sponsorFields.links, []),
  contact: z._default(sponsorFields.contact, null),
  representativeIds: z._default(sponsorFields.representativeIds, []),
  rank: z._default(sponsorFields.rank, 100),
});
export type CreateSponsorInput = z.infer<typeof createSponsorInput>;

export const updateSponsorInput = z
  .strictObject({
    version: z.number().check(z.int(), z.gte(1)),
    name: z.optional(sponsorFields.name),
    tierId: z.optional(sponsorFields.tierId),
    logoUrl: z.optional(sponsorFields.logoUrl),
    description: z.optional(sponsorFields.description),
    links: z.optional(sponsorFields.links),
    contact: z.optional(sponsorFields.contact),
    representativeIds: z.optional(sponsorFields.representativeIds),
    rank: z.optional(sponsorFields.rank),
  })
  .check(z.refine((value) => Object.keys(value).length > 1, 'Nothing to change'));
export type UpdateSponsorInput = z.infer<typeof updateSponsorInput>;

/** What anyone who may see the conference (or its public page) reads about a sponsor. */
export const publicSponsorView = z.object({
  id,
  name: z.string(),
  tierId: id,
  logoUrl: z.nullable(z.string()),
  description: z.string(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  rank: z.number().check(z.int()),
});

/** Inside the conference: who represents the sponsor; organizers also read the contact. */
export const sponsorView = z.extend(publicSponsorView, {
  representatives: z.array(z.object({ userId: id, name: z.string() })),
  contact: z.nullable(
    z.object({ name: z.string(), email: z.nullable(z.string()), phone: z.nullable(z.string()) }),
  ),
  version: z.number().check(z.int()),
});
export type SponsorView = z.infer<typeof sponsorView>;

export const sponsorsView = z.object({
  tiersVersion: z.number().check(z.int()),
  tiers: z.array(tierView),
  sponsors: z.array(sponsorView),
});

/** The tiered showcase: tiers in order, each with its sponsors by rank. */
export const sponsorShowcase = z.array(z.extend(tierView, { sponsors: z.array(publicSponsorView) }));

// Routes -----------------------------------------------------------------------------------------------

const one = '/api/orgs/{orgId}/conferences/{conferenceId}' as const;

export const sponsorRoutes = {
  listSponsors: defineRoute({
    method: 'GET',
    path: `${one}/sponsors`,
    name: 'list-sponsors',
    access: 'conference-member',
    summary: 'Sponsor tiers and sponsors (contacts for organizers only)',
    response: sponsorsView,
  }),
  saveSponsorTiers: defineRoute({
    method: 'PUT',
    path: `${one}/sponsor-tiers`,
    name: 'save-sponsor-tiers',
    access: 'conference-organizer',
    summary: 'Replace the ordered list of sponsor tiers (version-checked; a tier with sponsors stays)',
    body: saveTiersInput,
    response: sponsorsView,
  }),
  createSponsor: defineRoute({
    method: 'POST',
    path: `${one}/sponsors`,
    name: 'create-sponsor',
    access: 'conference-organizer',
    summary: 'Add a sponsor to a tier',
    body: createSponsorInput,
    response: sponsorView,
    status: 201,
  }),
  updateSponsor: defineRoute({
    method: 'PATCH',
    path: `${one}/sponsors/{sponsorId}`,
    name: 'update-sponsor',
    access: 'conference-organizer',
    summary: 'Change a sponsor (version-checked)',
    body: updateSponsorInput,
    response: sponsorView,
  }),
  deleteSponsor: defineRoute({
    method: 'DELETE',
    path: `${one}/sponsors/{sponsorId}`,
    name: 'delete-sponsor',
    access: 'conference-organizer',
    summary: 'Remove a sponsor',
  }),
} as const;
