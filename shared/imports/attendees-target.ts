import { isOperatorAdmin, type Principal } from '../auth/policy';
import {
  type AttendeeItem,
  type AttendeeUpsertRow,
  getAttendeesByEmail,
  getRole,
  loadConference,
  networkingAccess,
  upsertAttendeesByEmail,
  upsertBatchSize,
} from '../conferences';
import { ForbiddenError } from '../http/errors';
import { requiredSingleLineText } from '../http/text';
import { email } from '../identity/contracts';
import * as z from '../schema/zod';
import type { ImportScope, ImportTarget } from './target';

/**
 * Attendees of one conference as an import target. A row is a person by email: a new address becomes an
 * attendee and is mailed an invitation; a known one takes the row's name, role, group and networking access
 * (empty cells keep what the attendee has). Rows may make people attendees or speakers, never organizers.
 */

const importableRole = z.enum(['attendee', 'speaker']);

/** A cell's words for a choice, compared without case: "Speaker", "yes". */
const choice = <const T extends string>(words: Record<string, T>, expected: string) =>
  z.pipe(
    z
      .pipe(
        z.string(),
        z.transform((value) => value.trim().toLowerCase()),
      )
      .check(z.refine((value) => value in words, expected)),
    z.transform((value) => words[value]!),
  );

const fields = [
  {
    name: 'email',
    label: 'Email',
    hint: 'Identifies the person: a known address updates their attendee',
    cell: email,
    synonyms: ['e-mail', 'email address', 'e-mail address', 'mail', 'e-mail-adresse', 'emailadresse'],
  },
  {
    name: 'name',
    label: 'Name',
    hint: 'Full name; or map first and last name',
    cell: requiredSingleLineText(120),
    synonyms: ['full name', 'attendee', 'attendee name', 'participant', 'teilnehmer', 'vollständiger name'],
  },
  {
    name: 'firstName',
    label: 'First name',
    hint: 'Joined with the last name when there is no name column',
    cell: requiredSingleLineText(60),
    synonyms: ['first', 'firstname', 'given name', 'forename', 'vorname', 'prénom'],
  },
  {
    name: 'lastName',
    label: 'Last name',
    hint: 'Joined with the first name when there is no name column',
    cell: requiredSingleLineText(60),
    synonyms: ['last', 'lastname', 'surname', 'family name', 'nachname', 'familienname'],
  },
  {
    name: 'role',
    label: 'Role',
    hint: 'attendee or speaker (default attendee)',
    cell: choice(
      { attendee: 'attendee', speaker: 'speaker', teilnehmer: 'attendee', sprecher: 'speaker' },
      'Must be attendee or speaker',
    ),
    synonyms: ['type', 'attendee type', 'rolle'],
  },
  {
    name: 'group',
    label: 'Group',
    hint: 'A group for networking and filters, such as Press',
    cell: requiredSingleLineText(60),
    synonyms: ['attendee group', 'segment', 'ticket', 'ticket type', 'gruppe'],
  },
  {
    name: 'networking',
    label: 'Networking',
    hint: 'all, groups (own group only) or none; yes / no also work',
    cell: choice(
      { all: 'all', groups: 'groups', group: 'groups', none: 'none', yes: 'all', no: 'none' },
      'Must be all, groups or none',
    ),
    synonyms: ['networking access', 'networking opt-in', 'networking opt in'],
  },
];

const authorize = async (principal: Principal, scope: ImportScope) => {
  const conferenceId = scope.conferenceId!;
  await loadConference(scope.orgId, conferenceId);
  if (isOperatorAdmin(principal)) return;
  if (principal.orgId === scope.orgId && principal.role === 'owner') return;
  if ((await getRole(scope.orgId, conferenceId, principal.userId))?.role === 'organizer') return;
  throw new ForbiddenError('Only the event’s organizers may import its attendees');
};

const differs = <T>(given: T | undefined, current: T) => given !== undefined && given !== current;

export const attendeesTarget: ImportTarget<AttendeeUpsertRow, AttendeeItem> = {
  name: 'attendees',
  recordLabel: 'attendee',
  fields,
  requirements: [
    { fields: ['email'], message: 'Map a column to Email' },
    {
      fields: ['name', 'firstName', 'lastName'],
      message: 'Map a column to Name (or to First name and Last name)',
    },
  ],
  authorize,
  toRow: (cells) => {
    const name = cells.name ?? [cells.firstName, cells.lastName].filter(Boolean).join(' ');
    const issues = [
      ...(cells.email ? [] : [{ column: 'Email', message: 'Missing: an email address' }]),
      ...(name ? [] : [{ column: 'Name', message: 'Missing: a name (or a first and last name)' }]),
      ...(name.length > 120 ? [{ column: 'Name', message: 'At most 120 characters' }] : []),
    ];
    if (issues.length > 0) return { issues };
    return {
      row: {
        email: cells.email!,
        name,
        // The cells passed their fields' checks already; these parses only give them their types.
        ...(cells.role ? { role: importableRole.parse(cells.role) } : {}),
        ...(cells.group ? { group: cells.group } : {}),
        ...(cells.networking ? { networking: networkingAccess.parse(cells.networking) } : {}),
      },
    };
  },
  dedupeKeys: (row) => [{ kind: 'email', value: row.email, label: 'email address' }],
  loadExisting: async ({ orgId, conferenceId }, keys) => {
    const found = await getAttendeesByEmail(
      orgId,
      conferenceId!,
      keys.map((key) => key.value),
    );
    return new Map([...found].map(([address, attendee]) => [`email:${address}`, attendee]));
  },
  recordId: (attendee) => attendee.id,
  recordName: (attendee) => attendee.name,
  changed: (attendee, row) =>
    row.name !== attendee.name ||
    differs(row.role, attendee.role) ||
    differs(row.group, attendee.group) ||
    differs(row.networking, attendee.networking),
  upsert: async (context, writes) => {
    for (let start = 0; start < writes.length; start += upsertBatchSize)
      await upsertAttendeesByEmail(
        context.actor,
        context.orgId,
        context.conferenceId!,
        writes.slice(start, start + upsertBatchSize).map((write) => write.row),
      );
    return new Map();
  },
};
