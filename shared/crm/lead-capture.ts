import { ulid } from 'ulid';
import { outboxPut } from '../events/outbox';
import { ConflictError, VersionConflictError } from '../http/errors';
import type { LeadAttribution } from './contracts';
import type { GuardedWrite, LeadItem } from './repository';
import * as crm from './repository';
import { isOpenLead } from './rules';

/** A visitor's submission of the public lead form (hosted page or embed), checked by its contract. */
export interface FormSubmission {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly message: string;
  readonly serviceWanted: string;
  readonly source: 'form' | 'embed';
  readonly attribution: LeadAttribution;
}

export interface CaptureOptions {
  /** The lead holding the submission's email or phone, as the caller read it (with its other items). */
  readonly existing?: LeadItem;
  /**
   * Writes that commit with the lead whichever way it goes (the lead form's idempotency record). The caller
   * has read the organization as active in this request: a new lead's transaction does not check it again.
   */
  readonly alongside?: readonly GuardedWrite[];
  readonly at?: Date;
}

export interface CaptureResult {
  readonly outcome: 'created' | 'updated';
  readonly lead: LeadItem;
}

const quoted = (message: string) => {
  const oneLine = message.replace(/\s+/g, ' ').trim();
  if (!oneLine) return '';
  return `: “${oneLine.length > 280 ? `${oneLine.slice(0, 279)}…` : oneLine}”`;
};

const newFormLead = (orgId: string, submission: FormSubmission, at: Date): LeadItem => {
  const now = at.toISOString();
  return {
    id: ulid(at.getTime()),
    orgId,
    name: submission.name,
    email: submission.email,
    phone: submission.phone,
    message: submission.message,
    serviceWanted: submission.serviceWanted,
    source: submission.source,
    status: 'new',
    notes: '',
    jobIds: [],
    version: 1,
    createdAt: now,
    createdBy: null,
    updatedAt: now,
    statusChangedAt: now,
    attribution: submission.attribution,
  };
};

/**
 * The open lead after the same person sent the form again: the newest message and service wanted, and an
 * email or phone number it lacked (unless `fillContact` is off because another lead holds that one). Name,
 * notes, status and the first visit's attribution stay.
 */
const resubmitted = (current: LeadItem, submission: FormSubmission, at: Date, fillContact: boolean) => {
  const next: LeadItem = {
    ...current,
    message: submission.message || current.message,
    serviceWanted: submission.serviceWanted || current.serviceWanted,
    email: current.email ?? (fillContact ? submission.email : null),
    phone: current.phone ?? (fillContact ? submission.phone : null),
    version: current.version + 1,
    updatedAt: at.toISOString(),
  };
  const fields = (['message', 'serviceWanted', 'email', 'phone'] as const).filter(
    (field) => next[field] !== current[field],
  );
  return { next, fields };
};

const openLead = async (orgId: string, leadId: string) => {
  const lead = await crm.getLead(orgId, leadId);
  return lead && isOpenLead(lead.status) ? lead : undefined;
};

/**
 * Stores a visitor's lead from the public form. When an open lead already holds the email or phone number,
 * the submission goes onto that lead instead of a duplicate: its timeline says the person submitted the form
 * again, with the new message. A lost race (the same person's other submission a moment earlier, an edit
 * in between) is retried from a fresh read; a failure of `alongside`'s own conditions is thrown as is.
 */
export const captureFormLead = async (
  orgId: string,
  submission: FormSubmission,
  options: CaptureOptions = {},
): Promise<CaptureResult> => {
  const at = options.at ?? new Date();
  const alongside = options.alongside ?? [];
  let existing = options.existing && isOpenLead(options.existing.status) ? options.existing : undefined;
  let fillContact = true;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      if (!existing) {
        const lead = newFormLead(orgId, submission, at);
        await crm.createLead(
          lead,
          {
            actor: null,
            kind: 'lead.created',
            summary: `${lead.name} sent the ${lead.source === 'embed' ? 'embedded ' : ''}lead form${quoted(lead.message)}`,
            leadId: lead.id,
          },
          alongside,
          [
            outboxPut('lead.created', {
              version: 1,
              orgId,
              leadId: lead.id,
              source: lead.source,
              userId: null,
            }),
          ],
          { organizationRead: true },
        );
        return { outcome: 'created', lead };
      }
      const current: LeadItem = existing;
      const { next, fields } = resubmitted(current, submission, at, fillContact);
      await crm.saveLead(
        current,
        next,
        [
          {
            actor: null,
            kind: 'lead.resubmitted',
            summary: `${submission.name} submitted the form again${quoted(submission.message)}`,
            leadId: current.id,
          },
        ],
        alongside,
        [
          outboxPut('lead.updated', {
            version: 1,
            orgId,
            leadId: current.id,
            leadVersion: next.version,
            status: next.status,
            previousStatus: current.status,
            fields,
            userId: null,
          }),
        ],
      );
      return { outcome: 'updated', lead: next };
    } catch (error) {
      if (error instanceof VersionConflictError && existing) {
        // Edited, won or lost in between: add to its new state, or start a new lead if it closed.
        existing = await openLead(orgId, existing.id);
        continue;
      }
      if (error instanceof ConflictError && existing && fillContact) {
        // The email or phone it lacked belongs to another open lead: keep the lead's own contact details.
        fillContact = false;
        continue;
      }
      if (error instanceof ConflictError && !existing) {
        // Another submission with this email or phone was stored a moment ago: add to that lead.
        const { duplicateOf } = error.extensions;
        existing = typeof duplicateOf === 'string' ? await openLead(orgId, duplicateOf) : undefined;
        continue;
      }
      throw error;
    }
  }
  throw new ConflictError('The lead kept changing while the form was saved. Please send it again.');
};
