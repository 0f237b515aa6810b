import { chatRoutes } from '../../shared/chat/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { addRoomMemberRoute } from './add-room-member';
import { createRoomRoute } from './create-room';
import { getRoomRoute } from './get-room';
import { listRoomMembersRoute } from './list-room-members';
import { listRoomMessagesRoute } from './list-room-messages';
import { listRoomsRoute } from './list-rooms';
import { removeRoomMemberRoute } from './remove-room-member';

export const handler = httpModule([
  bind(chatRoutes.listRooms, listRoomsRoute),
  bind(chatRoutes.createRoom, createRoomRoute),
  bind(chatRoutes.getRoom, getRoomRoute),
  bind(chatRoutes.listMembers, listRoomMembersRoute),
  bind(chatRoutes.addMember, addRoomMemberRoute),
  bind(chatRoutes.removeMember, removeRoomMemberRoute),
  bind(chatRoutes.listMessages, listRoomMessagesRoute),
]);
