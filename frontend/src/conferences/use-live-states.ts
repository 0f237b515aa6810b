import { useEffect, useState } from 'react';
import { conferenceRoutes, type StreamState } from '../../../shared/conferences/contracts';
import { call } from '../lib/api';

const pollMs = 20_000;

/**
 * Stream states of a conference's sessions, polled every 20 s (the browser revalidates with the route's
 * ETag, so an unchanged answer is a 304). The WebSocket connection will replace this poll.
 */
export const useLiveStates = (orgId: string, conferenceId: string, initial: Record<string, StreamState>) => {
  const [states, setStates] = useState(initial);
  useEffect(() => {
    setStates(initial);
    const controller = new AbortController();
    const poll = async () => {
      try {
        const live = await call(conferenceRoutes.liveState, {
          params: { orgId, conferenceId },
          signal: controller.signal,
        });
        setStates(live.states);
      } catch {
        // A missed poll is retried at the next one.
      }
    };
    const timer = setInterval(() => void poll(), pollMs);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [orgId, conferenceId, initial]);
  return states;
};
