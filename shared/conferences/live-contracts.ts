import { id } from '../http/contracts';
import { defineAction } from '../realtime/contracts';
import * as z from '../schema/zod';
import { agendaItemView, streamState } from './agenda-item-view';

/**
 * A conference's live channel over the WebSocket API: a page showing the conference subscribes, and every
 * change of a session's stream state (the schedule taking it live or ending it, an organizer's override)
 * is pushed as one `conference.live` frame with the whole state map. The map's `version` only grows, so
 * a client keeps the highest it saw and a late or repeated frame changes nothing.
 */
export const liveFrame = z.object({
  type: z.literal('conference.live'),
  orgId: id,
  conferenceId: id,
  version: z.number().check(z.int()),
  states: z.record(z.string(), streamState),
});
export type LiveFrame = z.infer<typeof liveFrame>;

const agendaFrameBase = {
  type: z.literal('conference.agenda'),
  /** The frame's contract version: a client ignores a shape it does not know rather than misreading it. */
  v: z.literal(1),
  orgId: id,
  conferenceId: id,
};

/**
 * A session added, moved, resized, retitled or otherwise changed (`upserted`), or removed (`deleted`),
 * pushed on the same live channel as the stream states. `item` is the view the agenda route gives every
 * member, read when the frame is built, so a late frame carries the newest item; its `version` only
 * grows, so a client keeps the item with the highest version it saw. Item ids are never reused, so a
 * client that saw `deleted` for an id ignores anything older about it arriving later.
 */
export const agendaFrame = z.discriminatedUnion('change', [
  z.object({ ...agendaFrameBase, change: z.literal('upserted'), item: agendaItemView }),
  z.object({ ...agendaFrameBase, change: z.literal('deleted'), itemId: id }),
]);
export type AgendaFrame = z.infer<typeof agendaFrame>;

/** Anything the live channel pushes. */
export const liveChannelFrame = z.union([liveFrame, agendaFrame]);
export type LiveChannelFrame = z.infer<typeof liveChannelFrame>;

const conferenceRef = { orgId: id, conferenceId: id };

export const liveActions = {
  subscribe: defineAction(
    'conference.live.subscribe',
    'Receive conference.live frames for a conference the caller may see; answers the current states',
    conferenceRef,
    z.object({ version: z.number().check(z.int()), states: z.record(z.string(), streamState) }),
  ),
  unsubscribe: defineAction(
    'conference.live.unsubscribe',
    'Stop receiving a conference’s live frames',
    conferenceRef,
  ),
} as const;
