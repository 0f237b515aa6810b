import { useEffect, useState } from 'react';
import { conferenceRoutes, type StreamState } from '../../../shared/conferences/contracts';
import { liveActions, liveFrame } from '../../../shared/conferences/live-contracts';
import { call } from '../lib/api';
import { RealtimeClient } from '../lib/realtime';

const pollMs = 20_000;

interface Versioned {
  readonly version: number;
  readonly states: Record<string, StreamState>;
}

/**
 * Stream states of a conference's sessions, pushed over the WebSocket: the page subscribes to the
 * conference's live channel (again after every reconnect, taking the states the subscription answers)
 * and applies each `conference.live` frame. While the socket is down it polls `…/live` every 20 s
 * instead (the browser revalidates with the route's ETag, so an unchanged answer is a 304). Every source
 * carries the map's version, which only grows: an older answer arriving late changes nothing.
 */
export const useLiveStates = (orgId: string, conferenceId: string, initial: Record<string, StreamState>) => {
  const [live, setLive] = useState<Versioned>({ version: -1, states: initial });
  useEffect(() => {
    setLive({ version: -1, states: initial });
    const apply = (next: Versioned) =>
      setLive((current) => (next.version > current.version ? next : current));
    const client = new RealtimeClient();
    const controller = new AbortController();
    const offPush = client.onPush(liveFrame, (frame) => {
      if (frame.orgId === orgId && frame.conferenceId === conferenceId) apply(frame);
    });
    const offOpen = client.onOpen(() => {
      client.request(liveActions.subscribe, { orgId, conferenceId }).then(apply, () => undefined);
    });
    const poll = async () => {
      if (client.status === 'open') return;
      try {
        apply(
          await call(conferenceRoutes.liveState, {
            params: { orgId, conferenceId },
            signal: controller.signal,
          }),
        );
      } catch {
        // A missed poll is retried at the next one.
      }
    };
    const timer = setInterval(() => void poll(), pollMs);
    return () => {
      clearInterval(timer);
      controller.abort();
      offPush();
      offOpen();
      client.close();
    };
  }, [orgId, conferenceId, initial]);
  return live.states;
};
