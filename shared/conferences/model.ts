import { id } from '../http/contracts';
import * as z from '../schema/zod';
import { agendaItemView, attendeeView, conferenceView, speakerView, streamState } from './contracts';

/**
 * The stored shapes of the event platform's items, each read back through `parseItem` with its schema.
 * Where an item is a view the contracts already describe, its schema is that view's.
 */

/** A conference as stored: the view without the caller-specific role. */
export const conferenceItem = z.extend(z.omit(conferenceView, { myRole: true }), {
  // Conferences stored before logos could be uploaded have none.
  logoUrl: z._default(z.nullable(z.string()), null),
  createdBy: z.string(),
});
export type ConferenceItem = z.infer<typeof conferenceItem>;

/**
 * An agenda item as stored under the conference. Kept small (no description) so the whole agenda is one
 * Query page; `liveDueId`/`endDueId` name the due items that take it live and end it, so a move can
 * replace them, and the due items carry `startUtc` so a stale one does nothing.
 */
export const agendaItem = z.extend(z.omit(agendaItemView, { state: true }), {
  liveDueId: z.string(),
  endDueId: z.string(),
  updatedAt: z.string(),
});
export type AgendaItem = z.infer<typeof agendaItem>;

/** `person`: the user id of a linked speaker, else a hash of their email, else the speaker id. */
export const speakerItem = z.extend(speakerView, { person: z.string(), updatedAt: z.string() });
export type SpeakerItem = z.infer<typeof speakerItem>;

/** A roster entry, as the roster lists it (an accepted attendee's also carries group and access). */
export const roleItem = attendeeView;
export type RoleItem = z.infer<typeof roleItem>;

/** A person's role as the index of their conferences finds it. */
export const roleOfUserItem = z.object({ role: roleItem.shape.role, orgId: id, conferenceId: id });

/**
 * The conference's live states: absent from the map means scheduled. A subscription may add its shard to
 * the item before any state was written, hence the defaults.
 */
export const liveStatesItem = z.object({
  states: z._default(z.record(z.string(), streamState), {}),
  version: z._default(z.number().check(z.int()), 0),
});

/** An agenda item's description, kept apart so the agenda stays one page. */
export const descriptionItem = z.object({ text: z.string() });

/** What a lost version check reads back to answer 409. */
export const versionedItem = z.object({ version: z.number().check(z.int()) });

/** A speaker's entry in the person's history across conferences. */
export const speakerHistoryItem = z.object({ id, conferenceId: id });

export const savedItem = z.object({ itemId: id });

/** A private calendar feed's link, by its token's hash, and the person's pointer to it. */
export const feedTokenItem = z.object({ userId: id, orgId: id, conferenceId: id });
export const feedOfUserItem = z.object({ tokenHash: z.string() });

/** The name an organization item carries, for lists of a person's conferences. */
export const organizationNameItem = z.object({ name: z.string() });
