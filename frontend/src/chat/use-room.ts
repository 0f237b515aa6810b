import { useCallback, useEffect, useState } from 'react';
import { chatActions, type MessageView } from '../../../shared/chat/contracts';
import type { RealtimeClient } from '../lib/realtime';
import { type RoomScope, readHistory } from './room-scope';

const byId = (a: MessageView, b: MessageView) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One room's live message list: history over HTTP first, then the room's frames; after every reconnect
 * the room is joined again and the messages missed meanwhile are fetched from the last one seen. Frames name
 * the room's organization, which a guest's connection does not belong to.
 */
export const useRoom = (client: RealtimeClient, scope: RoomScope, roomId: string) => {
  const { orgId, conferenceId } = scope;
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [online, setOnline] = useState(0);
  /** Counts joins: the member list is worth reading once the join made the caller a member. */
  const [joins, setJoins] = useState(0);

  const upsert = useCallback((incoming: readonly MessageView[]) => {
    setMessages((current) => {
      const map = new Map(current.map((message) => [message.id, message]));
      for (const message of incoming) map.set(message.id, message);
      return [...map.values()].filter((message) => !message.deletedAt).sort(byId);
    });
  }, []);

  useEffect(() => {
    let lastSeen: string | null = null;
    let cancelled = false;
    setMessages([]);
    const track = (list: readonly MessageView[]) => {
      for (const message of list) if (!lastSeen || message.id > lastSeen) lastSeen = message.id;
    };
    const offFrame = client.onFrame((frame) => {
      if (frame.roomId !== roomId) return;
      if (frame.type === 'room.message-deleted')
        setMessages((current) => current.filter((message) => message.id !== frame.messageId));
      else {
        track([frame.message]);
        upsert([frame.message]);
      }
    });
    const offOpen = client.onOpen(() => {
      void (async () => {
        try {
          const joined = await client.request(chatActions.join, { orgId, roomId });
          setOnline(joined.online);
          setJoins((count) => count + 1);
          if (lastSeen) {
            for (let more = true; more && !cancelled; ) {
              const missed = await client.request(chatActions.catchUp, { orgId, roomId, after: lastSeen });
              track(missed.messages);
              upsert(missed.messages);
              more = missed.more;
            }
          } else {
            const history = await readHistory({ orgId, conferenceId }, roomId, { limit: 50 });
            track(history.items);
            upsert(history.items);
          }
          if (lastSeen && !cancelled)
            await client.request(chatActions.read, { orgId, roomId, messageId: lastSeen });
          setError(null);
        } catch (cause) {
          if (!cancelled) setError((cause as Error).message);
        }
      })();
    });
    return () => {
      cancelled = true;
      offFrame();
      offOpen();
      void client.request(chatActions.leave, { orgId, roomId }).catch(() => undefined);
    };
  }, [client, orgId, conferenceId, roomId, upsert]);

  // Whatever the page shows counts as read.
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (newest)
      void client.request(chatActions.read, { orgId, roomId, messageId: newest }).catch(() => undefined);
  }, [client, orgId, roomId, newest]);

  return { messages, error, online, joins };
};
