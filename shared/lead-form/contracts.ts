import { phone } from '../crm/contracts';
import { id, multiLineText, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { parseUrl } from '../http/text';
import { email } from '../identity/contracts';
import { slug } from '../organizations/contracts';
import * as z from '../schema/zod';
import { honeypotField } from './protocol';

/**
 * The public lead form: the hosted page (`/lead/<slug>`) and the embed snippet both read the form's
 * configuration and post submissions here, without signing in. Only these routes answer cross-origin, and
 * only to the organization's allowed origins (see the lead form's CORS middleware).
 */

/**
 * Submissions allowed per fixed window: per visitor IP (all forms together) and per organization. A
 * person sends a form once or twice; a business does not get a hundred real leads in ten minutes.
 */
export const leadFormLimits = { windowSeconds: 10 * 60, perIp: 10, perOrganization: 100 } as const;

/** A submission is a person typing; anything bigger than this is not. */
export const leadFormMaxBodyBytes = 12 * 1024;

export { honeypotField, idempotencyKeyHeader, replayedHeader } from './protocol';

export const idempotencyKey = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_.:-]{8,128}$/, '8–128 letters, digits and _ . : -'));

/** A page address as browsers report it; only http(s), so it can never be a `javascript:` link. */
const pageUrl = text(2048).check(
  z.refine((value) => {
    const url = parseUrl(value);
    return url?.protocol === 'https:' || url?.protocol === 'http:';
  }, 'Must be an http(s) address'),
);

const utmValue = text(200);

export const leadFormSubmission = z
  .strictObject({
    name: requiredText(120),
    email: z.optional(email),
    phone: z.optional(phone),
    /** One of the organization's services, when it lists any. */
    service: z._default(text(120), ''),
    message: z._default(multiLineText(2000), ''),
    /** The honeypot: people never see it, so anything in it marks a bot. */
    [honeypotField]: z._default(multiLineText(500), ''),
    /** `form` from the hosted page, `embed` from the snippet on the organization's own site. */
    source: z._default(z.enum(['form', 'embed']), 'form'),
    /** The `utm_*` parameters of the page the form is on. */
    utm: z._default(
      z.strictObject({
        source: z.optional(utmValue),
        medium: z.optional(utmValue),
        campaign: z.optional(utmValue),
        term: z.optional(utmValue),
        content: z.optional(utmValue),
      }),
      {},
    ),
    referrer: z.optional(pageUrl),
    landingPage: z.optional(pageUrl),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (!value.email && !value.phone)
        ctx.addIssue({ code: 'custom', path: ['email'], message: 'Give an email address or a phone number' });
    }),
  );
export type LeadFormSubmission = z.infer<typeof leadFormSubmission>;

export const submissionReceipt = z.object({
  /** Names this submission; a replay with the same idempotency key gets the same id. */
  submissionId: id,
  receivedAt: z.string(),
});
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

export const formFieldNames = ['name', 'email', 'phone', 'service', 'message'] as const;

export const publicFormField = z.object({
  name: z.enum(formFieldNames),
  label: z.string(),
  type: z.enum(['text', 'email', 'tel', 'select', 'textarea']),
  required: z.boolean(),
  maxLength: z.number().check(z.int()),
  autocomplete: z.string(),
  /** The choices of a select. */
  options: z.optional(z.array(z.string())),
});
export type PublicFormField = z.infer<typeof publicFormField>;

/** What a visitor's browser needs to draw the form: nothing private of the organization. */
export const publicFormView = z.object({
  slug: z.string(),
  organizationName: z.string(),
  color: z.string(),
  logoUrl: z.nullable(z.string()),
  intro: z.string(),
  services: z.array(z.string()),
  fields: z.array(publicFormField),
});
export type PublicFormView = z.infer<typeof publicFormView>;

export const leadFormSettingsView = z.object({
  orgId: id,
  /** Offered as a choice on the form; none means the form asks no service. */
  services: z.array(z.string()),
  /** A line above the form. */
  intro: z.string(),
  version: z.number().check(z.int()),
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});
export type LeadFormSettingsView = z.infer<typeof leadFormSettingsView>;

export const saveLeadFormSettingsInput = z.strictObject({
  /** The version the editor loaded (0 before the first save); a newer one answers 409. */
  version: z.number().check(z.int(), z.gte(0)),
  services: z.array(requiredText(80)).check(
    z.maxLength(20, 'At most 20 services'),
    z.refine(
      (services) => new Set(services.map((s) => s.toLowerCase())).size === services.length,
      'Each service once',
    ),
  ),
  intro: text(300),
});
export type SaveLeadFormSettingsInput = z.infer<typeof saveLeadFormSettingsInput>;

const slugParams = z.strictObject({ slug });
const orgParams = z.strictObject({ orgId: id });

/** Public routes, served by the lead-form function. The OPTIONS routes answer CORS preflights. */
export const leadFormRoutes = {
  getForm: defineRoute({
    method: 'GET',
    path: '/api/public/forms/{slug}',
    name: 'get-public-form',
    access: 'public',
    summary:
      "An organization's lead form: name, brand colour, services and fields (403 from an origin it does not allow)",
    params: slugParams,
    response: publicFormView,
  }),
  preflightForm: defineRoute({
    method: 'OPTIONS',
    path: '/api/public/forms/{slug}',
    name: 'preflight-public-form',
    access: 'public',
    summary: "CORS preflight for the form's configuration (allowed origins only)",
    params: slugParams,
    status: 204,
  }),
  submit: defineRoute({
    method: 'POST',
    path: '/api/public/leads/{slug}',
    name: 'submit-lead',
    access: 'public',
    summary:
      'Send the lead form (202). Send an `Idempotency-Key` header so a retry stores one lead; 429 with `Retry-After` when too many arrive',
    params: slugParams,
    body: leadFormSubmission,
    response: submissionReceipt,
    status: 202,
    maxBodyBytes: leadFormMaxBodyBytes,
  }),
  preflightSubmit: defineRoute({
    method: 'OPTIONS',
    path: '/api/public/leads/{slug}',
    name: 'preflight-submit-lead',
    access: 'public',
    summary: 'CORS preflight for sending the lead form (allowed origins only)',
    params: slugParams,
    status: 204,
  }),
} as const;

/** The organization's own settings of its form, served by the organizations function. */
export const leadFormSettingsRoutes = {
  getSettings: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/lead-form',
    name: 'get-lead-form-settings',
    access: 'org-member',
    summary: "The lead form's services and intro",
    params: orgParams,
    response: leadFormSettingsView,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/orgs/{orgId}/lead-form',
    name: 'save-lead-form-settings',
    access: 'org-owner',
    summary: "Edit the lead form's services and intro (version-checked)",
    params: orgParams,
    body: saveLeadFormSettingsInput,
    response: leadFormSettingsView,
  }),
} as const;
