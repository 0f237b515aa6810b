import { type FormEvent, useCallback, useEffect, useState } from 'react';
import {
  chatActions,
  chatRoutes,
  type MemberView,
  type MessageView,
  maxMessageCharacters,
  type RoomKind,
  type RoomView,
} from '../../../shared/chat/contracts';
import { AppShell } from '../components/app-shell';
import { ChatMessageTools } from '../components/chat-message-tools';
import { EmptyState } from '../components/list-states';
import { call, errorMessage } from '../lib/api';
import { clientNav } from '../lib/client-nav';
import { type ConnectionStatus, RealtimeClient, RealtimeError } from '../lib/realtime';
import { navigate, useLocation } from '../lib/router';
import { useUser } from '../lib/session';
import { useRoom } from '../lib/use-room';
import { useRoomInfo } from '../lib/use-room-info';
import { useTitle } from '../lib/use-title';
import './chat-page.css';

const statusText: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

/** A refused frame says why itself (a rate limit says when to try again); anything else reads as the API's errors. */
const failure = (error: unknown) => (error instanceof RealtimeError ? error.message : errorMessage(error));

/** Chat rooms of the signed-in person's organization: rooms with unread badges, one room live. */
export const ChatPage = () => {
  useTitle('Chat');
  const user = useUser();
  const { search } = useLocation();
  const roomId = search.get('room');
  const [client, setClient] = useState<RealtimeClient | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    const created = new RealtimeClient();
    setClient(created);
    const off = created.onStatus(setStatus);
    return () => {
      off();
      created.close();
    };
  }, []);

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
            orgId={user.orgId}
            roomId={roomId}
            userId={user.id}
            organizes={user.role === 'owner'}
            status={status}
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

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const room = await call(chatRoutes.createRoom, {
        params: { orgId },
        body: { name, kind, memberIds: [] },
      });
      setName('');
      await load();
      navigate(`/chat?room=${room.id}`);
    } catch (cause) {
      setError(errorMessage(cause));
    }
  };

  return (
    <nav className="chat__rooms" aria-label="Rooms">
      <h1 className="chat__title">Chat</h1>
      <ul className="chat__room-list">
        {rooms.map((room) => (
          <li key={room.id}>
            <button
              type="button"
              className={`chat__room${room.id === selected ? ' chat__room--current' : ''}`}
              aria-current={room.id === selected ? 'page' : undefined}
              onClick={() => navigate(`/chat?room=${room.id}`)}
            >
              <span>{room.name}</span>
              {room.unread > 0 && room.id !== selected ? (
                <span className="badge">
                  {room.unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
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

const RoomPanel = ({
  client,
  orgId,
  roomId,
  userId,
  organizes,
  status,
}: {
  readonly client: RealtimeClient;
  readonly orgId: string;
  readonly roomId: string;
  readonly userId: string;
  /** Owners organize every event of their organization, so they may remove messages in its rooms. */
  readonly organizes: boolean;
  readonly status: ConnectionStatus;
}) => {
  const { messages, error, online, joins } = useRoom(client, orgId, roomId);
  const room = useRoomInfo(orgId, roomId);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<MessageView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (editing)
        await client.request(chatActions.edit, { roomId, messageId: editing.id, text, mentions: [] });
      else await client.request(chatActions.send, { roomId, text, mentions: [] });
      setText('');
      setEditing(null);
      setProblem(null);
    } catch (cause) {
      setProblem(failure(cause));
    }
  };

  const remove = async (message: MessageView) => {
    try {
      await client.request(chatActions.delete, { roomId, messageId: message.id });
    } catch (cause) {
      setProblem(failure(cause));
    }
  };

  return (
    <div className="chat__room-view">
      <section className="chat__messages" aria-label="Messages">
        {room?.sponsor ? (
          <header className="chat__sponsor">
            {room.sponsor.logoUrl ? <img src={room.sponsor.logoUrl} alt="" height={32} /> : null}
            <strong>{room.sponsor.name}</strong>
          </header>
        ) : null}
        <p className="chat__status" role="status">
          {statusText[status]} · {online} online recently
        </p>
        {room?.slowModeSeconds ? (
          <p className="chat__notice">Slow mode: one message every {room.slowModeSeconds} seconds.</p>
        ) : null}
        {error ? <p role="alert">{error}</p> : null}
        <ol className="chat__message-list">
          {messages.map((message) => (
            <li key={message.id} className="chat__message" data-message-id={message.id}>
              <div className="chat__meta">
                <strong>{message.authorName}</strong>{' '}
                <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleTimeString()}</time>
                {message.editedAt ? ' (edited)' : ''}
              </div>
              <p className="chat__text">{message.text}</p>
              {message.authorId === userId ? (
                <div className="chat__actions">
                  <button
                    type="button"
                    className="button button--ghost"
                    onClick={() => {
                      setEditing(message);
                      setText(message.text);
                    }}
                  >
                    Edit
                  </button>
                  <button type="button" className="button button--ghost" onClick={() => void remove(message)}>
                    Delete
                  </button>
                </div>
              ) : room?.conferenceId ? (
                <ChatMessageTools
                  client={client}
                  orgId={orgId}
                  roomId={roomId}
                  message={message}
                  conferenceId={room.conferenceId}
                  canRemove={organizes}
                />
              ) : null}
            </li>
          ))}
        </ol>
        <form className="chat__composer" onSubmit={(event) => void submit(event)}>
          <label className="field">
            <span className="field__label">{editing ? 'Edit message' : 'Message'}</span>
            <textarea
              className="input input--multiline"
              value={text}
              rows={2}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <span className="chat__count">
            {[...text].length} / {maxMessageCharacters}
          </span>
          <button
            type="submit"
            className="button button--primary"
            disabled={!text.trim() || status !== 'open'}
          >
            {editing ? 'Save' : 'Send'}
          </button>
          {editing ? (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setEditing(null);
                setText('');
              }}
            >
              Cancel
            </button>
          ) : null}
          {problem ? <p role="alert">{problem}</p> : null}
        </form>
      </section>
      <MemberSidebar orgId={orgId} roomId={roomId} joins={joins} />
    </div>
  );
};

const presenceLabel = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

const MemberSidebar = ({
  orgId,
  roomId,
  joins,
}: {
  readonly orgId: string;
  readonly roomId: string;
  readonly joins: number;
}) => {
  const [members, setMembers] = useState<MemberView[]>([]);
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const page = await call(chatRoutes.listMembers, { params: { orgId, roomId }, query: { limit: 100 } });
        if (!stopped) setMembers(page.items);
      } catch {
        // The room view shows connection problems; the sidebar tries again at the next interval.
      }
    };
    // Only after a join, which makes an open room's visitor a member; then at every heartbeat interval.
    if (joins === 0) return;
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [orgId, roomId, joins]);
  return (
    <aside className="chat__members" aria-label="Members">
      <h2 className="chat__subtitle">Members</h2>
      <ul>
        {members.map((member) => (
          <li key={member.userId} className="chat__member">
            <span className={`chat__presence chat__presence--${member.presence}`} aria-hidden="true" />
            {member.name} <span className="chat__presence-label">{presenceLabel[member.presence]}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
};
