import type { directMessageActions } from '../../shared/networking/contracts';
import {
  catchUpConversation,
  markConversationRead,
  sendDirectMessage,
  subscribeInbox,
} from '../../shared/networking/messages';
import type { ActionImplementation } from '../../shared/realtime';

/** The direct-message actions: each hands the validated frame and the caller's connection to the service. */
export const subscribe: ActionImplementation<typeof directMessageActions.subscribe> = ({
  connection,
  frame,
}) => subscribeInbox(connection, frame);

export const send: ActionImplementation<typeof directMessageActions.send> = ({ connection, frame }) =>
  sendDirectMessage(connection, frame);

export const read: ActionImplementation<typeof directMessageActions.read> = ({ connection, frame }) =>
  markConversationRead(connection, frame);

export const catchUp: ActionImplementation<typeof directMessageActions.catchUp> = ({ connection, frame }) =>
  catchUpConversation(connection, frame);
