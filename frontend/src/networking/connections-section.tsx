import { useCallback, useEffect, useState } from 'react';
import {
  type LinkState,
  type LinkView,
  networkingRoutes,
  type PersonView,
} from '../../../shared/networking/contracts';
import { call, errorMessage } from '../lib/api';

const headings: Record<LinkState, string> = {
  incoming: 'Requests to you',
  outgoing: 'Your requests',
  connected: 'Connections',
};

/** Incoming and outgoing requests and the caller's connections, each answered in place. */
export const ConnectionsSection = ({
  orgId,
  conferenceId,
  changes,
  onChanged,
  onMessage,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly changes: number;
  readonly onChanged: () => void;
  readonly onMessage: (person: { userId: string; name: string }) => void;
}) => (
  <section className="card" aria-label="Connections">
    {(['incoming', 'outgoing', 'connected'] as const).map((state) => (
      <LinkList
        // A changed link reads the list afresh.
        key={`${state}-${changes}`}
        orgId={orgId}
        conferenceId={conferenceId}
        state={state}
        onChanged={onChanged}
        onMessage={onMessage}
      />
    ))}
  </section>
);

const LinkList = ({
  orgId,
  conferenceId,
  state,
  onChanged,
  onMessage,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly state: LinkState;
  readonly onChanged: () => void;
  readonly onMessage: (person: { userId: string; name: string }) => void;
}) => {
  const [links, setLinks] = useState<LinkView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const params = { orgId, conferenceId };

  const load = useCallback(
    async (from?: string) => {
      try {
        const page = await call(networkingRoutes.listLinks, {
          params: { orgId, conferenceId },
          query: { state, limit: 25, ...(from ? { cursor: from } : {}) },
        });
        setLinks((current) => (from ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (cause) {
        setProblem(errorMessage(cause));
      }
    },
    [orgId, conferenceId, state],
  );
  useEffect(() => void load(), [load]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setProblem(null);
      onChanged();
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  };
  const person = (link: LinkView) => ({ params: { ...params, userId: link.userId } });

  return (
    <div className="networking__links">
      <h2>{headings[state]}</h2>
      {links.length === 0 ? <p>None yet.</p> : null}
      <ul aria-label={headings[state]}>
        {links.map((link) => (
          <li key={link.userId} className="networking__link" aria-label={link.name}>
            <strong>{link.name}</strong>
            {link.note ? <p className="networking__note">{link.note}</p> : null}
            {state === 'incoming' ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => void act(() => call(networkingRoutes.acceptRequest, person(link)))}
                >
                  Accept
                </button>{' '}
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => void act(() => call(networkingRoutes.declineRequest, person(link)))}
                >
                  Decline
                </button>
              </>
            ) : null}
            {state === 'outgoing' ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => void act(() => call(networkingRoutes.withdrawRequest, person(link)))}
              >
                Withdraw
              </button>
            ) : null}
            {state === 'connected' ? (
              <>
                <button type="button" className="button button--primary" onClick={() => onMessage(link)}>
                  Message
                </button>{' '}
                <ContactDetails orgId={orgId} conferenceId={conferenceId} userId={link.userId} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="button button--ghost" onClick={() => void load(cursor)}>
          More
        </button>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </div>
  );
};

/** A connection's contact details, read when asked for. */
const ContactDetails = ({
  orgId,
  conferenceId,
  userId,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly userId: string;
}) => {
  const [person, setPerson] = useState<PersonView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!person)
    return (
      <>
        <button
          type="button"
          className="button button--ghost"
          onClick={() =>
            void call(networkingRoutes.getPerson, { params: { orgId, conferenceId, userId } })
              .then(setPerson)
              .catch((cause: unknown) => setProblem(errorMessage(cause)))
          }
        >
          Contact details
        </button>
        {problem ? <p role="alert">{problem}</p> : null}
      </>
    );
  const contact = person.contact;
  return (
    <dl className="networking__contact">
      <dt>Email</dt>
      <dd>{contact?.email || '—'}</dd>
      <dt>Phone</dt>
      <dd>{contact?.phone || '—'}</dd>
      <dt>Website</dt>
      <dd>{contact?.website || '—'}</dd>
    </dl>
  );
};
