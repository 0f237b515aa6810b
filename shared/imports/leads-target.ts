import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { LeadItem } from '../crm';
import * as crm from '../crm';
import { type ContactKey, phoneDigits } from '../crm';
import { phone } from '../crm/contracts';
import { outboxPut } from '../events/outbox';
import { text } from '../http/contracts';
import { email } from '../identity/contracts';
import * as z from '../schema/zod';
import type { DedupeKey, ImportTarget, PlannedWrite, UpsertContext } from './target';

/**
 * Leads of an organization as an import target. A row matches the open lead holding its email address or
 * phone number (the CRM's contact guards); won and lost leads hold none, so a returning customer becomes a
 * new lead, as in the CRM. Empty cells never erase what a lead has.
 */
export interface LeadRow {
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly serviceWanted: string | null;
  readonly message: string | null;
  readonly notes: string | null;
}

const cell = (schema: z.ZodMiniType<string, string>) => schema;

const fields = [
  {
    name: 'name',
    label: 'Name',
    hint: 'Full name; or map first and last name',
    cell: cell(text(120)),
    synonyms: [
      'full name',
      'contact',
      'contact name',
      'customer',
      'customer name',
      'client',
      'lead',
      'lead name',
      'kunde',
      'vollständiger name',
      'nom',
      'nombre',
    ],
  },
  {
    name: 'firstName',
    label: 'First name',
    hint: 'Joined with the last name when there is no name column',
    cell: cell(text(60)),
    synonyms: ['first', 'firstname', 'given name', 'forename', 'vorname', 'prénom'],
  },
  {
    name: 'lastName',
    label: 'Last name',
    hint: 'Joined with the first name when there is no name column',
    cell: cell(text(60)),
    synonyms: [
      'last',
      'lastname',
      'surname',
      'family name',
      'nachname',
      'familienname',
      'nom de famille',
      'apellido',
    ],
  },
  {
    name: 'email',
    label: 'Email',
    hint: 'Matches an open lead with the same address',
    cell: cell(email),
    synonyms: [
      'e-mail',
      'email address',
      'e-mail address',
      'mail',
      'e-mail-adresse',
      'emailadresse',
      'courriel',
      'correo',
    ],
  },
  {
    name: 'phone',
    label: 'Phone',
    hint: 'Matches an open lead with the same number (digits compared)',
    cell: cell(phone),
    synonyms: [
      'phone number',
      'telephone',
      'tel',
      'mobile',
      'mobile phone',
      'cell',
      'cell phone',
      'telefon',
      'telefonnummer',
      'handy',
      'mobil',
      'téléphone',
    ],
  },
  {
    name: 'serviceWanted',
    label: 'Service wanted',
    hint: 'What the lead asked for',
    cell: cell(text(120)),
    synonyms: [
      'service',
      'service requested',
      'interest',
      'product',
      'job type',
      'leistung',
      'dienstleistung',
    ],
  },
  {
    name: 'message',
    label: 'Message',
    hint: 'What the lead wrote',
    cell: cell(text(2000)),
    synonyms: ['comment', 'comments', 'inquiry', 'enquiry', 'request', 'nachricht', 'anfrage'],
  },
  {
    name: 'notes',
    label: 'Notes',
    hint: "Your organization's own notes",
    cell: cell(text(2000)),
    synonyms: ['note', 'internal notes', 'remarks', 'notizen', 'notiz', 'bemerkung', 'bemerkungen'],
  },
  {
    name: 'source',
    label: 'Source tag',
    hint: 'Where the lead came from (a fair, a campaign); added to the notes',
    cell: cell(text(120)),
    synonyms: ['lead source', 'source tag', 'channel', 'campaign', 'herkunft', 'quelle', 'tag'],
  },
];

const rowSchema = z.object({
  name: z
    .string()
    .check(
      z.minLength(1, 'Missing: a name (or a first and last name)'),
      z.maxLength(120, 'At most 120 characters'),
    ),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  notes: z.nullable(z.string().check(z.maxLength(2000, 'At most 2000 characters, with the source tag'))),
});

const contactKeysOf = (row: { email: string | null; phone: string | null }): ContactKey[] => [
  ...(row.email ? [{ kind: 'email' as const, value: row.email.toLowerCase() }] : []),
  ...(row.phone ? [{ kind: 'phone' as const, value: phoneDigits(row.phone) }] : []),
];

const keyLabels = { email: 'email address', phone: 'phone number' };

/** The lead after the row: the row's given values over the lead's. */
const merged = (lead: LeadItem, row: LeadRow) => ({
  name: row.name,
  email: row.email ?? lead.email,
  phone: row.phone ?? lead.phone,
  serviceWanted: row.serviceWanted ?? lead.serviceWanted,
  message: row.message ?? lead.message,
  notes: row.notes ?? lead.notes,
});

const changedFields = (lead: LeadItem, row: LeadRow) => {
  const next = merged(lead, row);
  return (Object.keys(next) as (keyof typeof next)[]).filter((field) => next[field] !== lead[field]);
};

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The id a new lead of this import's row gets, ULID-shaped: the run's time, then a hash of import and line.
 * A retried write of the row finds its own lead instead of creating a second one.
 */
export const importedLeadId = (importId: string, line: number, runAt: string) => {
  const digest = createHash('sha256').update(`${importId}:${line}`).digest();
  const random = [...digest.subarray(0, 16)].map((byte) => crockford[byte % 32]).join('');
  return encodeTime(Date.parse(runAt), 10) + random;
};

const nextLead = (context: UpsertContext, write: PlannedWrite<LeadRow, LeadItem>): LeadItem => {
  const { row, existing } = write;
  if (existing)
    return { ...existing, ...merged(existing, row), version: existing.version + 1, updatedAt: context.runAt };
  return {
    id: importedLeadId(context.importId, write.line, context.runAt),
    orgId: context.orgId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    message: row.message ?? '',
    serviceWanted: row.serviceWanted ?? '',
    source: 'import',
    status: 'new',
    notes: row.notes ?? '',
    jobIds: [],
    version: 1,
    createdAt: context.runAt,
    createdBy: context.actor.name,
    updatedAt: context.runAt,
    statusChangedAt: context.runAt,
  };
};

/** Why a write failed, unless it had been done already (a retried chunk's own earlier write). */
const failureReason = async (
  context: UpsertContext,
  write: PlannedWrite<LeadRow, LeadItem>,
  next: LeadItem,
  error: Error,
): Promise<string | null> => {
  const current = await crm.getLead(context.orgId, write.existing?.id ?? next.id);
  if (!write.existing) return current ? null : error.message;
  if (current && changedFields(current, write.row).length === 0) return null;
  return current && current.version !== write.existing.version
    ? 'The lead changed while the file was imported; import the row again'
    : error.message;
};

export const leadsTarget: ImportTarget<LeadRow, LeadItem> = {
  name: 'leads',
  recordLabel: 'lead',
  fields,
  requirements: [
    {
      fields: ['name', 'firstName', 'lastName'],
      message: 'Map a column to Name (or to First name and Last name)',
    },
    { fields: ['email', 'phone'], message: 'Map a column to Email or Phone' },
  ],
  toRow: (cells) => {
    const notes = [cells.notes, cells.source ? `Source: ${cells.source}` : undefined]
      .filter(Boolean)
      .join('\n');
    const candidate = {
      name: cells.name ?? [cells.firstName, cells.lastName].filter(Boolean).join(' '),
      email: cells.email ?? null,
      phone: cells.phone ?? null,
      notes: notes || null,
    };
    const parsed = rowSchema.safeParse(candidate);
    const issues: { column: string | null; message: string }[] = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          column: issue.path[0] === 'notes' ? 'Notes' : 'Name',
          message: issue.message,
        }));
    if (!candidate.email && !candidate.phone)
      issues.push({ column: null, message: 'Give an email address or a phone number' });
    if (issues.length > 0) return { issues };
    return {
      row: {
        ...candidate,
        serviceWanted: cells.serviceWanted ?? null,
        message: cells.message ?? null,
      },
    };
  },
  dedupeKeys: (row) => contactKeysOf(row).map((key) => ({ ...key, label: keyLabels[key.kind] })),
  loadExisting: ({ orgId }, keys) =>
    crm.findOpenLeadsByContact(
      orgId,
      keys.map((key: DedupeKey) => ({ kind: key.kind as ContactKey['kind'], value: key.value })),
    ),
  recordId: (lead) => lead.id,
  recordName: (lead) => lead.name,
  changed: (lead, row) => changedFields(lead, row).length > 0,
  upsert: async (context, writes) => {
    const planned = writes.map((write) => ({ write, next: nextLead(context, write) }));
    const userId = context.actor.userId;
    const failures = await crm.upsertLeads(
      context.orgId,
      planned.map(({ write, next }) =>
        write.existing
          ? {
              previous: write.existing,
              next,
              entry: {
                actor: context.actor.name,
                kind: 'lead.updated',
                summary: `${context.actor.name} updated ${changedFields(write.existing, write.row).join(', ')} of ${next.name} from the import of ${context.fileName}`,
                leadId: next.id,
              },
              events: [
                outboxPut('lead.updated', {
                  version: 1,
                  orgId: context.orgId,
                  leadId: next.id,
                  leadVersion: next.version,
                  status: next.status,
                  previousStatus: next.status,
                  fields: changedFields(write.existing, write.row),
                  userId,
                }),
              ],
            }
          : {
              next,
              entry: {
                actor: context.actor.name,
                kind: 'lead.created',
                summary: `${context.actor.name} imported the lead ${next.name} from ${context.fileName}`,
                leadId: next.id,
              },
              events: [
                outboxPut('lead.created', {
                  version: 1,
                  orgId: context.orgId,
                  leadId: next.id,
                  source: 'import',
                  userId,
                }),
              ],
            },
      ),
    );
    const rejected = new Map<number, string>();
    for (const [index, error] of failures) {
      const { write, next } = planned[index]!;
      const reason = await failureReason(context, write, next, error);
      if (reason) rejected.set(write.line, reason);
    }
    return rejected;
  },
};
