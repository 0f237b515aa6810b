import { useEffect, useState } from 'react';
import type { DirectMessageView } from '../../../shared/networking/contracts';
import { directMessageActions, networkingFrame } from '../../../shared/networking/contracts';
import type { RealtimeClient } from '../lib/realtime';

/**
 * The caller's inbox in one conference over the page's WebSocket: subscribed again after every
 * reconnect. `linkChanges` counts requests and acceptances pushed to the caller, so lists reload;
 * `lastMessage` is the newest direct message pushed (sent by the caller or to them).
 */
export const useInbox = (client: RealtimeClient, orgId: string, conferenceId: string) => {
  const [linkChanges, setLinkChanges] = useState(0);
  const [lastMessage, setLastMessage] = useState<DirectMessageView | null>(null);
  const [subscriptions, setSubscriptions] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const offFrame = client.onPush(networkingFrame, (frame) => {
      if (frame.orgId !== orgId || frame.conferenceId !== conferenceId) return;
      if (frame.type === 'dm.message') setLastMessage(frame.message);
      else setLinkChanges((count) => count + 1);
    });
    const offOpen = client.onOpen(() => {
      client
        .request(directMessageActions.subscribe, { orgId, conferenceId })
        .then(() => {
          if (cancelled) return;
          setError(null);
          setSubscriptions((count) => count + 1);
        })
        .catch((cause: Error) => {
          if (!cancelled) setError(cause.message);
        });
    });
    return () => {
      cancelled = true;
      offFrame();
      offOpen();
    };
  }, [client, orgId, conferenceId]);

  return { linkChanges, lastMessage, subscriptions, error };
};
