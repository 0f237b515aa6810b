import { id } from '../http/contracts';
import * as z from '../schema/zod';

/**
 * A message as rooms show it and the frames that carry messages to a room's connections, on their own so
 * the domain event that carries a frame to the fan-out (in the catalog every function loads) need not
 * build the rest of the chat contracts.
 */

export const messageView = z.object({
  id,
  roomId: id,
  authorId: id,
  authorName: z.string(),
  /** Empty once deleted. */
  text: z.string(),
  mentions: z.array(id),
  createdAt: z.string(),
  editedAt: z.nullable(z.string()),
  deletedAt: z.nullable(z.string()),
});
export type MessageView = z.infer<typeof messageView>;

/** What the server pushes to every connection in a room. */
export const roomFrames = {
  message: z.object({ type: z.literal('room.message'), roomId: id, message: messageView }),
  edited: z.object({ type: z.literal('room.message-edited'), roomId: id, message: messageView }),
  deleted: z.object({ type: z.literal('room.message-deleted'), roomId: id, messageId: id }),
};
export const roomFrame = z.discriminatedUnion('type', [
  roomFrames.message,
  roomFrames.edited,
  roomFrames.deleted,
]);
export type RoomFrame = z.infer<typeof roomFrame>;
