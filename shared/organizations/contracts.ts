import { httpsUrl, id, multiLineText, page, pageQuery, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { parseUrl } from '../http/text';
import * as z from '../schema/zod';

export const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/,
      'Lowercase letters, digits and dashes; 1–48 characters',
    ),
  );

const isTimeZone = (value: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
};
export const timeZone = z
  .string()
  .check(z.maxLength(64), z.refine(isTimeZone, 'Must be an IANA time zone such as Europe/Berlin'));

/** An origin as browsers send it: scheme, host and optional port, nothing else. */
export const origin = z.pipe(
  z.string().check(
    z.trim(),
    z.maxLength(255),
    z.refine((value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '')
        );
      } catch {
        return false;
      }
    }, 'Must be an origin such as https://example.com'),
  ),
  z.transform((value) => value.replace(/\/$/, '')),
);

export const branding = z.strictObject({
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour such as #1a73e8')),
  logoUrl: z.nullable(httpsUrl),
});
export type Branding = z.infer<typeof branding>;
export const defaultBranding: Branding = { color: '#3b5bdb', logoUrl: null };

export const orgStatus = z.enum(['active', 'archived']);

export const organizationView = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  allowedOrigins: z.array(z.string()),
  branding,
  status: orgStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().check(z.int()),
});
export type OrganizationView = z.infer<typeof organizationView>;

const allowedOrigins = z.array(origin).check(z.maxLength(20, 'At most 20 origins'));

export const createOrganizationInput = z.strictObject({
  name: requiredText(120),
  slug,
  timeZone,
  allowedOrigins: z._default(allowedOrigins, []),
  branding: z._default(branding, defaultBranding),
});
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const updateOrganizationInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  name: z.optional(requiredText(120)),
  slug: z.optional(slug),
  timeZone: z.optional(timeZone),
  allowedOrigins: z.optional(allowedOrigins),
  branding: z.optional(branding),
});
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInput>;

export const listOrganizationsQuery = z.extend(pageQuery, {
  q: z.optional(text(100).check(z.toLowerCase())),
  status: z.optional(orgStatus),
});
export type ListOrganizationsQuery = z.infer<typeof listOrganizationsQuery>;

export const socialNetworks = [
  'x',
  'linkedin',
  'instagram',
  'facebook',
  'youtube',
  'tiktok',
  'other',
] as const;
const socialHosts: Record<(typeof socialNetworks)[number], string[] | null> = {
  x: ['x.com', 'twitter.com'],
  linkedin: ['linkedin.com'],
  instagram: ['instagram.com'],
  facebook: ['facebook.com'],
  youtube: ['youtube.com', 'youtu.be'],
  tiktok: ['tiktok.com'],
  other: null,
};
/** The link's host without `www.`; undefined for what is no link (its own field says so already). */
const hostOf = (value: string) => parseUrl(value)?.hostname.replace(/^www\./, '');

export const socialLinks = z
  .strictObject(
    Object.fromEntries(socialNetworks.map((n) => [n, z.optional(httpsUrl)])) as Record<
      (typeof socialNetworks)[number],
      z.ZodMiniOptional<typeof httpsUrl>
    >,
  )
  .check(
    z.superRefine((links, ctx) => {
      for (const network of socialNetworks) {
        const url = links[network];
        const hosts = socialHosts[network];
        const host = url ? hostOf(url) : undefined;
        if (host && hosts && !hosts.includes(host))
          ctx.addIssue({
            code: 'custom',
            path: [network],
            message: `Must be a link on ${hosts.join(' or ')}`,
          });
      }
    }),
  );

export const focusTopics = z.array(requiredText(60)).check(
  z.maxLength(20, 'At most 20 topics'),
  z.refine((topics) => new Set(topics.map((t) => t.toLowerCase())).size === topics.length, 'Each topic once'),
);

export const profileView = z.object({
  orgId: id,
  summary: z.string(),
  website: z.nullable(z.string()),
  socialLinks,
  focusTopics: z.array(z.string()),
  version: z.number().check(z.int()),
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});
export type ProfileView = z.infer<typeof profileView>;

export const updateProfileInput = z.strictObject({
  /** The version the editor loaded; a newer one on the server means someone else saved first (409). */
  version: z.number().check(z.int(), z.gte(0)),
  summary: multiLineText(2000),
  website: z.nullable(httpsUrl),
  socialLinks,
  focusTopics,
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const activityView = z.object({
  id,
  at: z.string(),
  actor: z.nullable(z.string()),
  kind: z.string(),
  summary: z.string(),
  /** Set when the entry is about a lead or a job. */
  leadId: z.optional(id),
  jobId: z.optional(id),
});

const orgParams = z.strictObject({ orgId: id });

export const organizationRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/orgs',
    name: 'list-organizations',
    access: 'admin',
    summary: 'Organizations, searchable by name or slug',
    query: listOrganizationsQuery,
    response: page(organizationView),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/orgs',
    name: 'create-organization',
    access: 'admin',
    summary: 'Create a client organization (slug must be unique)',
    body: createOrganizationInput,
    response: organizationView,
    status: 201,
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}',
    name: 'get-organization',
    access: 'org-member',
    summary: 'One organization',
    params: orgParams,
    response: organizationView,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}',
    name: 'update-organization',
    access: 'admin',
    summary: 'Edit name, slug, time zone, allowed origins or branding',
    params: orgParams,
    body: updateOrganizationInput,
    response: organizationView,
  }),
  archive: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/archive',
    name: 'archive-organization',
    access: 'admin',
    summary: 'Archive an organization (its lead form stops accepting leads)',
    params: orgParams,
    response: organizationView,
  }),
  restore: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/restore',
    name: 'restore-organization',
    access: 'admin',
    summary: 'Bring an archived organization back',
    params: orgParams,
    response: organizationView,
  }),
  getProfile: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/profile',
    name: 'get-profile',
    access: 'org-member',
    summary: "The organization's profile: summary, website, social links, focus topics",
    params: orgParams,
    response: profileView,
  }),
  updateProfile: defineRoute({
    method: 'PUT',
    path: '/api/orgs/{orgId}/profile',
    name: 'update-profile',
    access: 'org-owner',
    summary: 'Edit the profile (version-checked: a stale edit gets 409)',
    params: orgParams,
    body: updateProfileInput,
    response: profileView,
  }),
  listMembers: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/members',
    name: 'list-members',
    access: 'org-member',
    summary: "The organization's users",
    params: orgParams,
    query: pageQuery,
    response: page(
      z.object({
        userId: id,
        email: z.string(),
        name: z.string(),
        role: z.string(),
        status: z.string(),
      }),
    ),
  }),
  listActivity: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/activity',
    name: 'list-activity',
    access: 'org-member',
    summary: "The organization's activity log, newest first",
    params: orgParams,
    query: pageQuery,
    response: page(activityView),
  }),
} as const;
