import { z } from 'zod';
import { id } from '../http/contracts';
import { defineAction } from '../realtime/contracts';
import { streamState } from './contracts';

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
  version: z.number().int(),
  states: z.record(z.string(), streamState),
});
export type LiveFrame = z.infer<typeof liveFrame>;

const conferenceRef = { orgId: id, conferenceId: id };

export const liveActions = {
  subscribe: defineAction(
    'conference.live.subscribe',
    'Receive conference.live frames for a conference the caller may see; answers the current states',
    conferenceRef,
    z.object({ version: z.number().int(), states: z.record(z.string(), streamState) }),
  ),
  unsubscribe: defineAction(
    'conference.live.unsubscribe',
    'Stop receiving a conference’s live frames',
    conferenceRef,
  ),
} as const;
