import { useEffect, useState } from 'react';
import { chatRoutes, type RoomView } from '../../../shared/chat/contracts';
import { call } from './api';

/** The room itself (its event, sponsor and slow mode), read once when it opens. */
export const useRoomInfo = (orgId: string, roomId: string): RoomView | null => {
  const [room, setRoom] = useState<RoomView | null>(null);
  useEffect(() => {
    let stopped = false;
    call(chatRoutes.getRoom, { params: { orgId, roomId } })
      .then((found) => {
        if (!stopped) setRoom(found);
      })
      // The room view reports what went wrong with the room; without its details it still works.
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [orgId, roomId]);
  return room;
};
