import * as z from 'zod';
import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText, requiredSingleLineText, singleLineText } from '../http/text';
import { email } from '../identity/contracts';

/**
 * Sponsors of a conference, shown by tier: tiers are an ordered list (first = most prominent) with a
 * display size; each sponsor belongs to one tier, has a logo, a description, links, a contact for the
 * organizers and representatives (people with a role in the conference).
 */

/** An https link, parsed: no other scheme (`javascript:`, `data:`), no credentials; stored normalized. */
export const sponsorLink = singleLineText(2048).transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'Must be an https link' });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !url.hostname.includes('.')) {
    ctx.addIssue({ code: 'custom', message: 'Must be an https link to a website, without credentials' });
    return z.NEVER;
  }
  return url.href;
});

export const tierSizes = ['large', 'medium', 'small'] as const;
export const tierSize = z.enum(tierSizes);

export const sponsorTier = z.strictObject({
  /** Left out for a new tier. */
  id: id.optional(),
  name: requiredSingleLineText(60),
  size: tierSize,
});

export const saveTiersInput = z.strictObject({
  /** The tiers item's version; 0 when the conference has none yet. */
  version: z.number().int().min(0),
  tiers: z
    .array(sponsorTier)
    .max(10)
    .refine(
      (tiers) => new Set(tiers.map((t) => t.name.toLowerCase())).size === tiers.length,
      'Each tier name once',
    )
    .refine((tiers) => {
      const ids = tiers.flatMap((t) => t.id ?? []);
      return new Set(ids).size === ids.length;
    }, 'Each tier once'),
});
export type SaveTiersInput = z.infer<typeof saveTiersInput>;

export const tierView = z.object({ id, name: z.string(), size: tierSize });
export type TierView = z.infer<typeof tierView>;

const phone = z
  .string()
  .trim()
  .max(40)
  .refine((value) => /^\+?[\d\s().-]{7,40}$/.test(value), 'A phone number');

export const sponsorContact = z.strictObject({
  name: requiredSingleLineText(120),
  email: email.nullable().default(null),
  phone: phone.nullable().default(null),
});

const sponsorFields = {
  name: requiredSingleLineText(120),
  tierId: id,
  logoUrl: sponsorLink.nullable(),
  description: multiLineText(2000),
  links: z.array(z.strictObject({ label: requiredSingleLineText(40), url: sponsorLink })).max(8),
  contact: sponsorContact.nullable(),
  /** People with a role in the conference who speak for the sponsor. */
  representativeIds: z
    .array(id)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, 'Each person once'),
  /** Position within the tier; lower first. */
  rank: z.number().int().min(0).max(1000),
};

export const createSponsorInput = z.strictObject({
  ...sponsorFields,
  logoUrl: sponsorFields.logoUrl.default(null),
  description: sponsorFields.description.default(''),
  links: sponsorFields.links.default([]),
  contact: sponsorFields.contact.default(null),
  representativeIds: sponsorFields.representativeIds.default([]),
  rank: sponsorFields.rank.default(100),
});
export type CreateSponsorInput = z.infer<typeof createSponsorInput>;

export const updateSponsorInput = z
  .strictObject({
    version: z.number().int().min(1),
    name: sponsorFields.name.optional(),
    tierId: sponsorFields.tierId.optional(),
    logoUrl: sponsorFields.logoUrl.optional(),
    description: sponsorFields.description.optional(),
    links: sponsorFields.links.optional(),
    contact: sponsorFields.contact.optional(),
    representativeIds: sponsorFields.representativeIds.optional(),
    rank: sponsorFields.rank.optional(),
  })
  .refine((value) => Object.keys(value).length > 1, 'Nothing to change');
export type UpdateSponsorInput = z.infer<typeof updateSponsorInput>;

/** What anyone who may see the conference (or its public page) reads about a sponsor. */
export const publicSponsorView = z.object({
  id,
  name: z.string(),
  tierId: id,
  logoUrl: z.string().nullable(),
  description: z.string(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  rank: z.number().int(),
});

/** Inside the conference: who represents the sponsor; organizers also read the contact. */
export const sponsorView = publicSponsorView.extend({
  representatives: z.array(z.object({ userId: id, name: z.string() })),
  contact: z
    .object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable(),
  version: z.number().int(),
});
export type SponsorView = z.infer<typeof sponsorView>;

export const sponsorsView = z.object({
  tiersVersion: z.number().int(),
  tiers: z.array(tierView),
  sponsors: z.array(sponsorView),
});

/** The tiered showcase: tiers in order, each with its sponsors by rank. */
export const sponsorShowcase = z.array(tierView.extend({ sponsors: z.array(publicSponsorView) }));

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
