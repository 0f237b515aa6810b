import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { hashOpaqueToken } from '../auth/tokens';
import type { GuardedWrite } from '../crm';
import * as crm from '../crm';
import { captureFormLead, contactKeys } from '../crm';
import type { ItemKey } from '../db/batch';
import {
  allowance,
  countInWindow,
  retryAfterSeconds,
  type SlidingWindow,
  slidingWindow,
  throttleCounter,
} from '../db/throttle';
import { ttlIn } from '../db/ttl';
import { appOrigin } from '../email/links';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../http/errors';
import { getOrganization } from '../organizations';
import {
  honeypotField,
  idempotencyKey,
  type LeadFormSettingsView,
  type LeadFormSubmission,
  leadFormLimits,
  type PublicFormField,
  type PublicFormView,
  type SaveLeadFormSettingsInput,
  type SubmissionReceipt,
} from './contracts';
import type { FormTarget } from './repository';
import * as forms from './repository';

/** How long a retry with the same idempotency key gets the first answer. */
const idempotencyTtlSeconds = 24 * 60 * 60;

/**
 * How a request's `Origin` stands with a form: `none` (no header: not a browser's cross-origin request),
 * `app` (the hosted page on Portico's own site), `allowed` (one of the organization's origins) or `foreign`.
 */
export type OriginVerdict = 'none' | 'app' | 'allowed' | 'foreign';

export const originVerdict = (
  origin: string | undefined,
  allowedOrigins: readonly string[],
): OriginVerdict => {
  if (origin === undefined || origin === '') return 'none';
  if (origin === appOrigin) return 'app';
  // Stored origins are normalized (scheme://host[:port], lower case); browsers send them the same way.
  return allowedOrigins.includes(origin) ? 'allowed' : 'foreign';
};

/**
 * Per request, the form its route read, so the CORS middleware decides on the same read instead of a second
 * one. The middleware forgets the request once it answered.
 */
const targetsByRequest = new Map<string, Promise<FormTarget | undefined>>();

const remember = <T>(requestId: string, read: Promise<T>, targetOf: (value: T) => FormTarget | undefined) => {
  targetsByRequest.set(
    requestId,
    read.then(targetOf).catch(() => undefined),
  );
  return read;
};

const readTarget = (request: FormRequest) =>
  remember(request.requestId, forms.getFormTarget(request.slug), (target) => target);

/** The form behind a request's slug: the one its route read, or a fresh read (the route never ran). */
export const formOfRequest = (requestId: string, slug: string): Promise<FormTarget | undefined> =>
  targetsByRequest.get(requestId) ?? forms.getFormTarget(slug);

export const forgetRequest = (requestId: string): void => {
  targetsByRequest.delete(requestId);
};

export interface FormRequest {
  readonly slug: string;
  readonly requestId: string;
  readonly origin: string | undefined;
}

/** The refusal of a browser on a site the organization did not allow. */
export const foreignOriginError = () => new ForbiddenError('This website may not use this lead form');

/** Refuses a missing or closed form, and a browser on a site the organization did not allow. */
const assertOpenTo = (target: FormTarget | undefined, origin: string | undefined): FormTarget => {
  if (!target) throw new NotFoundError('There is no lead form at this address');
  if (originVerdict(origin, target.org.allowedOrigins) === 'foreign') throw foreignOriginError();
  if (target.org.status !== 'active') throw new GoneError('This lead form no longer takes requests');
  return target;
};

/** Answers a CORS preflight: only for a form that exists and an origin it allows. */
export const checkPreflight = async (request: FormRequest): Promise<void> => {
  assertOpenTo(await readTarget(request), request.origin);
};

const fieldsOf = (services: readonly string[]): PublicFormField[] => [
  { name: 'name', label: 'Your name', type: 'text', required: true, maxLength: 120, autocomplete: 'name' },
  { name: 'email', label: 'Email', type: 'email', required: false, maxLength: 254, autocomplete: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel', required: false, maxLength: 40, autocomplete: 'tel' },
  ...(services.length
    ? [
        {
          name: 'service',
          label: 'Service needed',
          type: 'select',
          required: false,
          maxLength: 120,
          autocomplete: 'off',
          options: [...services],
        } satisfies PublicFormField,
      ]
    : []),
  {
    name: 'message',
    label: 'How can we help?',
    type: 'textarea',
    required: false,
    maxLength: 2000,
    autocomplete: 'off',
  },
];

export const publicFormOf = ({ org, settings }: FormTarget): PublicFormView => ({
  slug: org.slug,
  organizationName: org.name,
  color: org.branding.color,
  logoUrl: org.branding.logoUrl,
  intro: settings.intro,
  services: settings.services,
  fields: fieldsOf(settings.services),
});

/** The form as the hosted page and the embed draw it. */
export const getPublicForm = async (request: FormRequest): Promise<PublicFormView> => {
  return publicFormOf(assertOpenTo(await readTarget(request), request.origin));
};

export interface Submission extends FormRequest {
  readonly ip: string;
  /** The `Idempotency-Key` header, as sent. */
  readonly idempotencyKey: string | undefined;
  readonly body: LeadFormSubmission;
}

export interface SubmissionAnswer {
  readonly receipt: SubmissionReceipt;
  /** The answer repeats the first one for this idempotency key. */
  readonly replayed: boolean;
}

const receiptNow = (): SubmissionReceipt => ({ submissionId: ulid(), receivedAt: new Date().toISOString() });

const replayOf = (record: forms.SubmissionRecord, bodyHash: string): SubmissionAnswer => {
  if (record.bodyHash !== bodyHash)
    throw new ConflictError('This Idempotency-Key was used for a different submission. Send a new key.');
  return { receipt: { submissionId: record.submissionId, receivedAt: record.receivedAt }, replayed: true };
};

/** A limit a submission counts against, with its counters in the current and the previous window. */
interface Counter {
  readonly limit: number;
  readonly current: ItemKey;
  readonly previous: ItemKey;
}

/** The visitor's and the organization's limits, in sliding windows of the rate-limit clock. */
const countersOf = (ip: string, window: SlidingWindow) => {
  const ipHash = hashOpaqueToken(ip);
  return (orgId: string): Counter[] => [
    {
      limit: leadFormLimits.perIp,
      current: throttleCounter('lead-form-ip', ipHash, window.current),
      previous: throttleCounter('lead-form-ip', ipHash, window.previous),
    },
    {
      limit: leadFormLimits.perOrganization,
      current: throttleCounter('lead-form-org', orgId, window.current),
      previous: throttleCounter('lead-form-org', orgId, window.previous),
    },
  ];
};

const tooManyRequests = (retryAfter: number) => {
  const minutes = Math.ceil(retryAfter / 60);
  return new TooManyRequestsError(
    `Too many requests were sent just now. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: retryAfter },
  );
};

/**
 * The counts of a submission, as writes of the transaction that stores it: a refused submission, a replay
 * and the losers of concurrent retries with one key count nothing, and one busy visitor cannot use up the
 * organization's allowance (the visitor's refusal cancels the organization's count too).
 */
const countWrites = (
  counters: readonly Counter[],
  previousCounts: readonly number[],
  window: SlidingWindow,
): GuardedWrite[] =>
  counters.map((counter, index) => {
    const previous = previousCounts[index] ?? 0;
    const allowed = allowance(counter.limit, previous, window);
    // Refused, the current window holds exactly its allowance: the conditional ADD never goes past it.
    const refusal = () =>
      tooManyRequests(retryAfterSeconds(counter.limit, previous, Math.max(0, allowed), window));
    if (allowed <= 0) throw refusal();
    return {
      item: countInWindow(counter.current, allowed, window),
      onConditionFailed: async () => refusal(),
    };
  });

const utmOrNull = (value: string | undefined) => (value ? value : null);

/**
 * A visitor's submission, in two DynamoDB round trips once this container knows the slug (three for the same
 * person again): (1) the organization, its form, the idempotency record, the contact guards and the rate
 * limits' previous windows in one read; (2) for a repeat, the open lead the guards name; (3) one transaction
 * that stores the lead (or adds to the open lead of the same person) together with the idempotency record
 * and the counts against the rate limits.
 *
 * A filled honeypot gets an answer that looks the same and stores nothing. Storing the lead never waits on
 * email or Google: `lead.created` / `lead.updated` go to the bus and consumers do the rest.
 */
export const submitLead = async (submission: Submission): Promise<SubmissionAnswer> => {
  const { body } = submission;
  let keyHash: string | undefined;
  if (submission.idempotencyKey !== undefined) {
    if (!idempotencyKey.safeParse(submission.idempotencyKey).success)
      throw new ValidationError([
        { path: 'Idempotency-Key', message: '8–128 letters, digits and _ . : - (a random UUID works)' },
      ]);
    keyHash = hashOpaqueToken(submission.idempotencyKey);
  }
  const contacts = contactKeys({ status: 'new', email: body.email ?? null, phone: body.phone ?? null });
  const window = slidingWindow(leadFormLimits.windowSeconds);
  const counters = countersOf(submission.ip, window);
  const context = await remember(
    submission.requestId,
    forms.readSubmissionContext(submission.slug, keyHash, contacts, (orgId) =>
      counters(orgId).map((counter) => counter.previous),
    ),
    (found) => found?.target,
  );
  if (!context) throw new NotFoundError('There is no lead form at this address');
  const { org, settings } = assertOpenTo(context.target, submission.origin);

  if (body[honeypotField].trim() !== '') return { receipt: receiptNow(), replayed: false };

  if (body.service && settings.services.length && !settings.services.includes(body.service))
    throw new ValidationError([{ path: 'service', message: 'Pick one of the services offered' }]);
  const bodyHash = hashOpaqueToken(JSON.stringify(body));
  if (context.record) return replayOf(context.record, bodyHash);

  const counts = countWrites(counters(org.id), context.counts, window);
  const existing = context.holderLeadId ? await crm.getLead(org.id, context.holderLeadId) : undefined;

  const receipt = receiptNow();
  try {
    await captureFormLead(
      org.id,
      {
        name: body.name,
        email: body.email ?? null,
        phone: body.phone ?? null,
        message: body.message,
        serviceWanted: body.service,
        source: body.source,
        attribution: {
          utmSource: utmOrNull(body.utm.source),
          utmMedium: utmOrNull(body.utm.medium),
          utmCampaign: utmOrNull(body.utm.campaign),
          utmTerm: utmOrNull(body.utm.term),
          utmContent: utmOrNull(body.utm.content),
          referrer: body.referrer ?? null,
          landingPage: body.landingPage ?? null,
        },
      },
      {
        existing,
        // The key's record first: a concurrent retry's refusal reads as the replay it is, not as a 429.
        alongside: [
          ...(keyHash
            ? [
                forms.submissionRecordWrite(
                  org.id,
                  keyHash,
                  { ...receipt, bodyHash },
                  ttlIn(idempotencyTtlSeconds),
                ),
              ]
            : []),
          ...counts,
        ],
        at: new Date(receipt.receivedAt),
      },
    );
  } catch (error) {
    // The same key's other request (a double click) stored the lead a moment ago: answer as it was answered.
    if (error instanceof forms.ReplayedSubmissionError && keyHash) {
      const record = await forms.getSubmissionRecord(org.id, keyHash);
      if (record) return replayOf(record, bodyHash);
    }
    throw error;
  }
  return { receipt, replayed: false };
};

// The organization's settings of its form.

export const getSettings = async (orgId: string): Promise<LeadFormSettingsView> => {
  const [org, settings] = await Promise.all([getOrganization(orgId), forms.getSettings(orgId)]);
  if (!org) throw new NotFoundError();
  return settings;
};

export const saveSettings = async (
  principal: Principal,
  orgId: string,
  input: SaveLeadFormSettingsInput,
): Promise<LeadFormSettingsView> => {
  const { version, ...fields } = input;
  const next: LeadFormSettingsView = {
    orgId,
    ...fields,
    version: version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  await forms.saveSettings(next, version, {
    actor: principal.name,
    kind: 'lead-form.updated',
    summary: `${principal.name} updated the lead form`,
  });
  return next;
};
