import type { z } from 'zod';
import type { ConferenceRole } from '../auth/policy';
import type { conferenceView, speakerView, streamView } from './contracts';

/** A conference as stored: the view without the caller-specific role. */
export type ConferenceItem = Omit<z.infer<typeof conferenceView>, 'myRole'> & { readonly createdBy: string };

/**
 * An agenda item as stored under the conference. Kept small (no description) so the whole agenda is one
 * Query page; `liveDueId`/`endDueId` name the due items that take it live and end it, so a move can
 * replace them, and the due items carry `startUtc` so a stale one does nothing.
 */
export interface AgendaItem {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly track: string;
  readonly room: string;
  readonly speakerIds: readonly string[];
  readonly stream: z.infer<typeof streamView> | null;
  readonly recordingUrl: string | null;
  readonly notes: readonly string[];
  readonly version: number;
  readonly liveDueId: string;
  readonly endDueId: string;
  readonly updatedAt: string;
}

/** `person`: the user id of a linked speaker, else a hash of their email, else the speaker id. */
export type SpeakerItem = Omit<z.infer<typeof speakerView>, never> & {
  readonly person: string;
  readonly updatedAt: string;
};

export interface RoleItem {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: ConferenceRole;
  readonly addedAt: string;
  readonly invited: boolean;
}
