import { useCallback, useEffect, useState } from 'react';
import type { RoomView } from '../../../shared/chat/contracts';
import { eventRoomRoutes } from '../../../shared/chat/event-room-contracts';
import { type ConferenceView, conferenceRoutes } from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { PrivateRoomForm } from '../chat/private-room-form';
import { RoomLinks } from '../chat/room-links';
import { RoomPanel } from '../chat/room-panel';
import { AppShell } from '../components/app-shell';
import { EmptyState } from '../components/list-states';
import { LoadedItem } from '../components/loaded-item';
import { navFor } from '../conferences/conference-nav';
import { call, errorMessage } from '../lib/api';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import '../chat/chat.css';
import { useRealtimeClient } from '../lib/use-realtime-client';

/**
 * An event's chat rooms for anyone on its roster (guests of the organization among them): the rooms they
 * may join, one of them live. The event's organizers remove messages in them.
 */
export const ConferenceChatPage = ({
  orgId,
  conferenceId,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
}) => {
  useTitle('Chat');
  const { user } = useSession();
  const load = useCallback(
    (signal: AbortSignal) =>
      call(conferenceRoutes.getConference, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const conference = useLoaded(load);
  const back = <Link to={dashboardUrl('conference', { orgId, conferenceId })}>Back to the event</Link>;
  return (
    <AppShell area="Events" nav={navFor(user)}>
      <LoadedItem item={conference} noun="event" back={back}>
        {(data) =>
          data.features.chat ? (
            <EventChat
              conference={data}
              userId={user?.id ?? ''}
              // As the route decides: the event's organizers, guests among them, its organization's owner
              // and the operator's admins open private rooms.
              opensRooms={
                data.myRole === 'organizer' ||
                user?.role === 'admin' ||
                (user?.role === 'owner' && user.orgId === data.orgId)
              }
            />
          ) : (
            <EmptyState title="Chat is off">
              <p>The organizers have not opened this event’s chat rooms.</p>
              {back}
            </EmptyState>
          )
        }
      </LoadedItem>
    </AppShell>
  );
};

const EventChat = ({
  conference,
  userId,
  opensRooms,
}: {
  readonly conference: ConferenceView;
  readonly userId: string;
  readonly opensRooms: boolean;
}) => {
  const ids = { orgId: conference.orgId, conferenceId: conference.id };
  const roomId = useLocation().search.get('room');
  const { client, status } = useRealtimeClient();
  const [rooms, setRooms] = useState<RoomView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const { orgId, conferenceId } = ids;
  const [refreshed, setRefreshed] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refreshed` asks for a fresh list at once.
  useEffect(() => {
    let stopped = false;
    const refresh = async () => {
      try {
        const page = await call(eventRoomRoutes.listRooms, {
          params: { orgId, conferenceId },
          query: { limit: 100 },
        });
        if (!stopped) {
          setRooms(page.items);
          setError(null);
        }
      } catch (cause) {
        if (!stopped) setError(errorMessage(cause));
      }
    };
    void refresh();
    // Unread counts and rooms the organizers open meanwhile.
    const timer = setInterval(() => void refresh(), 15_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [orgId, conferenceId, refreshed]);

  return (
    <div className="chat">
      <nav className="chat__rooms" aria-label="Rooms">
        <h1 className="chat__title">{conference.name}</h1>
        <RoomLinks
          rooms={rooms ?? []}
          selected={roomId}
          hrefOf={(id) => dashboardUrl('conferenceChat', ids, { room: id })}
        />
        {rooms?.length === 0 ? <p>No rooms are open yet.</p> : null}
        {error ? <p role="alert">{error}</p> : null}
        {opensRooms ? (
          <PrivateRoomForm
            orgId={orgId}
            conferenceId={conferenceId}
            selfId={userId}
            onCreated={(room) => {
              setRefreshed((count) => count + 1);
              navigate(dashboardUrl('conferenceChat', ids, { room: room.id }));
            }}
          />
        ) : null}
        <Link to={dashboardUrl('conference', ids)}>Back to the event</Link>
      </nav>
      {client && roomId ? (
        <RoomPanel
          key={roomId}
          client={client}
          scope={ids}
          roomId={roomId}
          userId={userId}
          organizes={conference.myRole === 'organizer'}
          manages={opensRooms}
          status={status}
          onLeft={() => {
            setRefreshed((count) => count + 1);
            navigate(dashboardUrl('conferenceChat', ids));
          }}
        />
      ) : (
        <section className="chat__empty">Pick a room to join the conversation.</section>
      )}
    </div>
  );
};
