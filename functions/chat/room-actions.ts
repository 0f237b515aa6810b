import type { chatActions } from '../../shared/chat/contracts';
import { reportMessage } from '../../shared/chat/moderation';
import type { moderationActions } from '../../shared/chat/moderation-contracts';
import {
  catchUp,
  deleteMessage,
  editMessage,
  joinRoom,
  leaveRoom,
  markRead,
  sendMessage,
} from '../../shared/chat/service';
import type { ActionImplementation } from '../../shared/realtime';

/** The room actions: each hands the validated frame and the caller's connection to the chat service. */
export const join: ActionImplementation<typeof chatActions.join> = ({ connection, frame }) =>
  joinRoom(connection, frame);

export const leave: ActionImplementation<typeof chatActions.leave> = async ({ connection, frame }) => {
  await leaveRoom(connection, frame.roomId);
  return undefined;
};

export const send: ActionImplementation<typeof chatActions.send> = ({ connection, frame }) =>
  sendMessage(connection, frame);

export const edit: ActionImplementation<typeof chatActions.edit> = ({ connection, frame }) =>
  editMessage(connection, frame);

export const remove: ActionImplementation<typeof chatActions.delete> = async ({ connection, frame }) => {
  await deleteMessage(connection, frame);
  return undefined;
};

export const read: ActionImplementation<typeof chatActions.read> = ({ connection, frame }) =>
  markRead(connection, frame);

export const catchUpAfter: ActionImplementation<typeof chatActions.catchUp> = ({ connection, frame }) =>
  catchUp(connection, frame);

export const report: ActionImplementation<typeof moderationActions.report> = ({ connection, frame }) =>
  reportMessage(connection, frame);
