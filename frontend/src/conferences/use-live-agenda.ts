import { useEffect, useMemo, useRef, useState } from 'react';
import { type AgendaView, conferenceRoutes, type StreamState } from '../../../shared/conferences/contracts';
import { agendaFrame, liveActions, liveFrame } from '../../../shared/conferences/live-contracts';
import { call } from '../lib/api';
import { RealtimeClient } from '../lib/realtime';
import {
  type AgendaChanges,
  applyAgendaFrame,
  needsSpeakers,
  noAgendaChanges,
  withAgendaChanges,
} from './live-agenda';

const pollMs = 20_000;

interface Versioned {
  readonly version: number;
  readonly states: Readonly<Record<string, StreamState>>;
}

/**
 * A conference's agenda kept current over the WebSocket: the page subscribes to the conference's live
 * channel (again after every reconnect) and applies each frame, `conference.live` for the stream states
 * and `conference.agenda` for a session added, changed or removed, so a moved session moves and a
 * removed one disappears without a reload.
 *
 * Frames sent while the socket was down are lost, so each subscription (the first too: the agenda was
 * read before the socket opened) takes the states it answers and has the page read the agenda again
 * through `reload`. While the socket is down the states are polled from `…/live` every 20 s instead (the
 * browser revalidates with the route's ETag, so an unchanged answer is a 304). Every source carries a
 * version that only grows: an older answer or frame arriving late changes nothing.
 *
 * The states returned hold only what the channel said; a session missing from them shows its own state.
 */
export const useLiveAgenda = (agenda: AgendaView, reload: () => unknown) => {
  const { orgId, id: conferenceId } = agenda.conference;
  const [live, setLive] = useState<Versioned>({ version: -1, states: {} });
  const [changes, setChanges] = useState<AgendaChanges>(noAgendaChanges);
  // The socket outlives each render's agenda and callback: its listeners read the newest ones.
  const latest = useRef({ agenda, reload });
  useEffect(() => {
    latest.current = { agenda, reload };
  });
  useEffect(() => {
    setLive({ version: -1, states: {} });
    setChanges(noAgendaChanges);
    const apply = (next: Versioned) =>
      setLive((current) => (next.version > current.version ? next : current));
    const ours = (frame: { orgId: string; conferenceId: string }) =>
      frame.orgId === orgId && frame.conferenceId === conferenceId;
    const client = new RealtimeClient();
    const controller = new AbortController();
    const offStates = client.onPush(liveFrame, (frame) => {
      if (ours(frame)) apply(frame);
    });
    const offAgenda = client.onPush(agendaFrame, (frame) => {
      if (!ours(frame)) return;
      if (needsSpeakers(latest.current.agenda, frame)) latest.current.reload();
      setChanges((current) => applyAgendaFrame(current, frame));
    });
    const offOpen = client.onOpen(() => {
      client.request(liveActions.subscribe, { orgId, conferenceId }).then(
        (answer) => {
          apply(answer);
          latest.current.reload();
        },
        () => undefined,
      );
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
      offStates();
      offAgenda();
      offOpen();
      client.close();
    };
  }, [orgId, conferenceId]);
  const current = useMemo(() => withAgendaChanges(agenda, changes), [agenda, changes]);
  return { agenda: current, states: live.states };
};
