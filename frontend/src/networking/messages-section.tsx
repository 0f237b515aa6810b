import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import {
  type ConversationView,
  type DirectMessageView,
  directMessageActions,
  networkingRoutes,
} from '../../../shared/networking/contracts';
import { heartbeatIntervalSeconds } from '../../../shared/realtime/contracts';
import { MessageComposer } from '../chat/message-composer';
import { presenceLabel } from '../chat/presence';
import { call, errorMessage } from '../lib/api';
import { type ConnectionStatus, type RealtimeClient, RealtimeError } from '../lib/realtime';

const failure = (error: unknown) => (error instanceof RealtimeError ? error.message : errorMessage(error));
const byId = (a: DirectMessageView, b: DirectMessageView) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface Peer {
  readonly userId: string;
  readonly name: string;
}

/** Conversations with unread counts beside the open thread; messages arrive over the page's WebSocket. */
export const MessagesSection = ({
  client,
  orgId,
  conferenceId,
  userId,
  status,
  peer,
  onPeer,
  lastMessage,
  subscriptions,
}: {
  readonly client: RealtimeClient;
  readonly orgId: string;
  readonly conferenceId: string;
  readonly userId: string;
  readonly status: ConnectionStatus;
  readonly peer: Peer | null;
  readonly onPeer: (peer: Peer) => void;
  readonly lastMessage: DirectMessageView | null;
  readonly subscriptions: number;
}) => {
  const [conversations, setConversations] = useState<ConversationView[]>([]);
  const load = useCallback(async () => {
    try {
      const page = await call(networkingRoutes.listConversations, {
        params: { orgId, conferenceId },
        query: { limit: 50 },
      });
      setConversations(page.items);
    } catch {
      // The thread shows connection problems; the list is read again with the next message.
    }
  }, [orgId, conferenceId]);
  // Presence is read, never pushed: the list is read again at every heartbeat interval.
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), heartbeatIntervalSeconds * 1000);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    if (lastMessage) void load();
  }, [load, lastMessage]);
  const peerPresence = conversations.find((conversation) => conversation.userId === peer?.userId)?.presence;

  return (
    <section className="card networking__messages" aria-label="Messages">
      <h2>Messages</h2>
      <ul className="networking__conversations" aria-label="Conversations">
        {conversations.map((conversation) => (
          <li key={conversation.userId}>
            <button
              type="button"
              className={`chat__room${peer?.userId === conversation.userId ? ' chat__room--current' : ''}`}
              aria-current={peer?.userId === conversation.userId ? 'true' : undefined}
              onClick={() => onPeer(conversation)}
            >
              <span
                className={`networking__presence networking__presence--${conversation.presence}`}
                aria-hidden="true"
              />
              <span>{conversation.name}</span>
              <span className="networking__presence-label">{presenceLabel[conversation.presence]}</span>
              {conversation.unread && peer?.userId !== conversation.userId ? (
                <span className="badge">
                  {conversation.unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {peer ? (
        <Thread
          key={peer.userId}
          client={client}
          orgId={orgId}
          conferenceId={conferenceId}
          userId={userId}
          peer={peer}
          presence={peerPresence}
          status={status}
          lastMessage={lastMessage}
          subscriptions={subscriptions}
          onRead={() => void load()}
        />
      ) : (
        <p>Pick a conversation, or message one of your connections.</p>
      )}
    </section>
  );
};

/**
 * One conversation: the newest page of history over HTTP, then pushed messages; after a reconnect the
 * messages missed meanwhile come by catch-up from the last one seen.
 */
const Thread = ({
  client,
  orgId,
  conferenceId,
  userId,
  peer,
  presence,
  status,
  lastMessage,
  subscriptions,
  onRead,
}: {
  readonly client: RealtimeClient;
  readonly orgId: string;
  readonly conferenceId: string;
  readonly userId: string;
  readonly peer: Peer;
  /** Unknown until the two have a conversation in the list. */
  readonly presence: ConversationView['presence'] | undefined;
  readonly status: ConnectionStatus;
  readonly lastMessage: DirectMessageView | null;
  readonly subscriptions: number;
  readonly onRead: () => void;
}) => {
  const [messages, setMessages] = useState<DirectMessageView[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ref = { orgId, conferenceId };

  const newestSeen = useRef<string | undefined>(undefined);

  const upsert = useCallback((incoming: readonly DirectMessageView[]) => {
    for (const message of incoming)
      if (!newestSeen.current || message.id > newestSeen.current) newestSeen.current = message.id;
    setMessages((current) => {
      const map = new Map(current.map((message) => [message.id, message]));
      for (const message of incoming) map.set(message.id, message);
      return [...map.values()].sort(byId);
    });
  }, []);

  const page = useCallback(
    async (cursor?: string) => {
      const history = await call(networkingRoutes.listDirectMessages, {
        params: { orgId, conferenceId, userId: peer.userId },
        query: { limit: 50, ...(cursor ? { cursor } : {}) },
      });
      upsert(history.items);
      setOlder(history.nextCursor);
    },
    [orgId, conferenceId, peer.userId, upsert],
  );

  // Every (re)subscription: the first time the newest history, later what was missed meanwhile.
  useEffect(() => {
    if (subscriptions === 0) return;
    void (async () => {
      try {
        if (!newestSeen.current) await page();
        else
          for (let more = true; more; ) {
            const missed = await client.request(directMessageActions.catchUp, {
              orgId,
              conferenceId,
              with: peer.userId,
              after: newestSeen.current,
            });
            upsert(missed.messages);
            more = missed.more;
          }
        setProblem(null);
      } catch (cause) {
        setProblem(failure(cause));
      }
    })();
  }, [subscriptions, client, orgId, conferenceId, peer.userId, page, upsert]);

  useEffect(() => {
    if (lastMessage && [lastMessage.authorId, lastMessage.recipientId].includes(peer.userId))
      upsert([lastMessage]);
  }, [lastMessage, peer.userId, upsert]);

  // Whatever the thread shows counts as read.
  const newest = messages.at(-1)?.id;
  useEffect(() => {
    if (!newest) return;
    client
      .request(directMessageActions.read, { orgId, conferenceId, with: peer.userId })
      .then(onRead)
      .catch(() => undefined);
  }, [client, orgId, conferenceId, peer.userId, newest, onRead]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      upsert([await client.request(directMessageActions.send, { ...ref, to: peer.userId, text })]);
      setText('');
      setProblem(null);
    } catch (cause) {
      setProblem(failure(cause));
    }
  };

  return (
    <section className="networking__thread" aria-label={`Conversation with ${peer.name}`}>
      <h3>
        {peer.name}
        {presence ? (
          <span className="networking__presence-label" data-presence={presence}>
            {' '}
            {presenceLabel[presence]}
          </span>
        ) : null}
      </h3>
      {older ? (
        <button type="button" className="button button--ghost" onClick={() => void page(older)}>
          Older messages
        </button>
      ) : null}
      <ol className="chat__message-list">
        {messages.map((message) => (
          <li key={message.id} className="chat__message" data-message-id={message.id}>
            <div className="chat__meta">
              <strong>{message.authorId === userId ? 'You' : message.authorName}</strong>{' '}
              <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleTimeString()}</time>
            </div>
            <p className="chat__text">{message.text}</p>
          </li>
        ))}
      </ol>
      <MessageComposer
        label={`Message to ${peer.name}`}
        text={text}
        onText={setText}
        onSubmit={(event) => void submit(event)}
        offline={status !== 'open'}
        problem={problem}
      />
    </section>
  );
};
