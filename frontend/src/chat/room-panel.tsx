import { type FormEvent, useState } from 'react';
import { chatActions, type MessageView } from '../../../shared/chat/contracts';
import { ChatMessageTools } from '../components/chat-message-tools';
import { errorMessage } from '../lib/api';
import { type ConnectionStatus, type RealtimeClient, RealtimeError } from '../lib/realtime';
import { MemberSidebar } from './member-sidebar';
import type { RoomScope } from './room-scope';
import { useRoom } from './use-room';
import { useRoomInfo } from './use-room-info';
import './chat.css';
import { MessageComposer } from './message-composer';

const statusText: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

/** A refused frame says why itself (a rate limit says when to try again); anything else reads as the API's errors. */
const failure = (error: unknown) => (error instanceof RealtimeError ? error.message : errorMessage(error));

/**
 * One room, live: its messages with edits and deletes as they happen, the composer, report and (for the
 * room's managers) remove on other people's messages, and the member list with who is online. The same
 * view for the organization's rooms and an event's, told apart by `scope`.
 */
export const RoomPanel = ({
  client,
  scope,
  roomId,
  userId,
  organizes,
  manages,
  status,
  onLeft,
}: {
  readonly client: RealtimeClient;
  readonly scope: RoomScope;
  readonly roomId: string;
  readonly userId: string;
  /** The event's organizers (owners organize every event of their organization) remove messages in its rooms. */
  readonly organizes: boolean;
  /** Owners, operator admins and an event's organizers add and remove people in rooms. */
  readonly manages: boolean;
  readonly status: ConnectionStatus;
  /** After the caller left the room. */
  readonly onLeft: () => void;
}) => {
  const { orgId } = scope;
  const { messages, error, online, joins } = useRoom(client, scope, roomId);
  const room = useRoomInfo(scope, roomId);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<MessageView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (editing)
        await client.request(chatActions.edit, { orgId, roomId, messageId: editing.id, text, mentions: [] });
      else await client.request(chatActions.send, { orgId, roomId, text, mentions: [] });
      setText('');
      setEditing(null);
      setProblem(null);
    } catch (cause) {
      setProblem(failure(cause));
    }
  };

  const remove = async (message: MessageView) => {
    try {
      await client.request(chatActions.delete, { orgId, roomId, messageId: message.id });
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
        {room?.closedAt ? (
          <p className="chat__notice">
            This room is closed: its session is no longer on the agenda. What was said stays here to read.
          </p>
        ) : null}
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
        <MessageComposer
          label={editing ? 'Edit message' : 'Message'}
          text={text}
          onText={setText}
          onSubmit={(event) => void submit(event)}
          offline={status !== 'open' || Boolean(room?.closedAt)}
          submitLabel={editing ? 'Save' : 'Send'}
          problem={problem}
        >
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
        </MessageComposer>
      </section>
      <MemberSidebar
        scope={scope}
        roomId={roomId}
        room={room}
        userId={userId}
        joins={joins}
        manages={manages}
        onLeft={onLeft}
      />
    </div>
  );
};
