import { useEffect, useState } from 'react';
import type { RoomView } from '../../../shared/chat/contracts';
import { type RoomScope, readRoom } from './room-scope';

/** The room itself (its event, sponsor and slow mode), read once when it opens. */
export const useRoomInfo = (scope: RoomScope, roomId: string): RoomView | null => {
  const { orgId, conferenceId } = scope;
  const [room, setRoom] = useState<RoomView | null>(null);
  useEffect(() => {
    let stopped = false;
    readRoom({ orgId, conferenceId }, roomId)
      .then((found) => {
        if (!stopped) setRoom(found);
      })
      // The room view reports what went wrong with the room; without its details it still works.
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [orgId, conferenceId, roomId]);
  return room;
};
