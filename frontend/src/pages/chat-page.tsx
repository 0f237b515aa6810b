import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { chatRoutes, type RoomKind, type RoomView } from '../../../shared/chat/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { RoomLinks } from '../chat/room-links';
import { RoomPanel } from '../chat/room-panel';
import { AppShell } from '../components/app-shell';
import { EmptyState } from '../components/list-states';
import { call, errorMessage } from '../lib/api';
import { clientNav } from '../lib/client-nav';
import { navigate, useLocation } from '../lib/router';
import { useUser } from '../lib/session';
import { useTitle } from '../lib/use-title';
import '../chat/chat.css';
import { useRealtimeClient } from '../lib/use-realtime-client';

/** Chat rooms of the signed-in person's organization: rooms with unread badges, one room live. */
export const ChatPage = () => {
  useTitle('Chat');
  const user = useUser();
  const { search } = useLocation();
  const roomId = search.get('room');
  const { client, status } = useRealtimeClient();

  if (!user.orgId)
    return (
      <AppShell area="Dashboard" nav={clientNav}>
        <EmptyState title="No organization">Chat rooms belong to an organization.</EmptyState>
      </AppShell>
    );
  return (
    <AppShell area="Dashboard" nav={clientNav}>
      <div className="chat">
        <RoomList orgId={user.orgId} selected={roomId} canCreateOpen={user.role === 'owner'} />
        {client && roomId ? (
          <RoomPanel
            key={roomId}
            client={client}
            scope={{ orgId: user.orgId }}
            roomId={roomId}
            userId={user.id}
            organizes={user.role === 'owner'}
            manages={user.role === 'owner'}
            status={status}
            onLeft={() => navigate(dashboardUrl('chat'))}
          />
        ) : (
          <section className="chat__empty">Pick a room, or create one.</section>
        )}
      </div>
    </AppShell>
  );
};

const RoomList = ({
  orgId,
  selected,
  canCreateOpen,
}: {
  readonly orgId: string;
  readonly selected: string | null;
  readonly canCreateOpen: boolean;
}) => {
  const [rooms, setRooms] = useState<RoomView[]>([]);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<RoomKind>('private');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRooms((await call(chatRoutes.listRooms, { params: { orgId }, query: { limit: 100 } })).items);
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }, [orgId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a room left or just opened shows at once.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load, selected]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const room = await call(chatRoutes.createRoom, {
        params: { orgId },
        body: { name, kind, memberIds: [] },
      });
      setName('');
      await load();
      navigate(dashboardUrl('chat', {}, { room: room.id }));
    } catch (cause) {
      setError(errorMessage(cause));
    }
  };

  return (
    <nav className="chat__rooms" aria-label="Rooms">
      <h1 className="chat__title">Chat</h1>
      <RoomLinks rooms={rooms} selected={selected} hrefOf={(id) => dashboardUrl('chat', {}, { room: id })} />
      <form className="chat__new-room" onSubmit={(event) => void create(event)}>
        <label className="field">
          <span className="field__label">New room</span>
          <input
            className="input"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {canCreateOpen ? (
          <label className="field">
            <span className="field__label">Kind</span>
            <select
              className="input input--select"
              value={kind}
              onChange={(event) => setKind(event.target.value as RoomKind)}
            >
              <option value="private">Private</option>
              <option value="lobby">Lobby</option>
              <option value="agenda-item">Agenda item</option>
              <option value="sponsor">Sponsor</option>
            </select>
          </label>
        ) : null}
        <button type="submit" className="button button--secondary" disabled={!name.trim()}>
          Create room
        </button>
        {error ? <p role="alert">{error}</p> : null}
      </form>
    </nav>
  );
};
