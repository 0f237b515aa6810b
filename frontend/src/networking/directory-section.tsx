import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { conferenceRoles } from '../../../shared/conferences/contracts';
import { type CardView, networkingRoutes } from '../../../shared/networking/contracts';
import { SelectField, TextAreaField, TextField } from '../components/field';
import { call, errorMessage } from '../lib/api';

const linkLabels = {
  incoming: 'Asked you to connect',
  outgoing: 'Request sent',
  connected: 'Connected',
} as const;

/** Listed people the caller may meet: search by name or company, filter by interest and role, a page at a time. */
export const DirectorySection = ({
  orgId,
  conferenceId,
  interests,
  changes,
  onChanged,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly interests: readonly string[];
  /** Bumped whenever links change, so link states on the cards stay true. */
  readonly changes: number;
  readonly onChanged: () => void;
}) => {
  const [q, setQ] = useState('');
  const [interest, setInterest] = useState('');
  const [role, setRole] = useState('');
  const [cards, setCards] = useState<CardView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(
    async (from?: string) => {
      try {
        const page = await call(networkingRoutes.directory, {
          params: { orgId, conferenceId },
          query: {
            limit: 25,
            ...(q.trim() ? { q: q.trim() } : {}),
            ...(interest ? { interest } : {}),
            ...(role ? { role: role as CardView['role'] } : {}),
            ...(from ? { cursor: from } : {}),
          },
        });
        setCards((current) => (from ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setProblem(null);
      } catch (cause) {
        setProblem(errorMessage(cause));
      }
    },
    [orgId, conferenceId, q, interest, role],
  );

  // Typing waits a moment before searching; a changed link reloads at once.
  useEffect(() => {
    const timer = setTimeout(() => void load(), changes ? 0 : 250);
    return () => clearTimeout(timer);
  }, [load, changes]);

  return (
    <section className="card" aria-label="Directory">
      <h2>Directory</h2>
      <div className="networking__filters">
        <TextField
          label="Search by name or company"
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <SelectField label="Interest" value={interest} onChange={(event) => setInterest(event.target.value)}>
          <option value="">Any interest</option>
          {interests.map((topic) => (
            <option key={topic}>{topic}</option>
          ))}
        </SelectField>
        <SelectField label="Role" value={role} onChange={(event) => setRole(event.target.value)}>
          <option value="">Any role</option>
          {conferenceRoles.map((name) => (
            <option key={name} value={name}>
              {name[0]!.toUpperCase() + name.slice(1)}
            </option>
          ))}
        </SelectField>
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
      {cards.length === 0 && !problem ? <p>Nobody here yet matches.</p> : null}
      <ul className="networking__cards" aria-label="People">
        {cards.map((card) => (
          <PersonCard
            key={card.userId}
            orgId={orgId}
            conferenceId={conferenceId}
            card={card}
            onChanged={onChanged}
          />
        ))}
      </ul>
      {cursor ? (
        <button type="button" className="button button--ghost" onClick={() => void load(cursor)}>
          More people
        </button>
      ) : null}
    </section>
  );
};

const PersonCard = ({
  orgId,
  conferenceId,
  card,
  onChanged,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly card: CardView;
  readonly onChanged: () => void;
}) => {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const params = { orgId, conferenceId };

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setProblem(null);
      setAsking(false);
      onChanged();
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    void act(() => call(networkingRoutes.sendRequest, { params, body: { userId: card.userId, note } }));
  };

  return (
    <li className="networking__person" aria-label={card.name}>
      <h3>{card.name}</h3>
      <p>
        {[card.title, card.company].filter(Boolean).join(' · ')}
        <span className="badge"> {card.role}</span>
      </p>
      {card.bio ? <p className="networking__bio">{card.bio}</p> : null}
      {card.interests.length ? <p className="networking__tags">{card.interests.join(', ')}</p> : null}
      {card.link ? <p className="badge badge--muted">{linkLabels[card.link]}</p> : null}
      {!card.link && !asking ? (
        <button type="button" className="button button--primary" onClick={() => setAsking(true)}>
          Connect
        </button>
      ) : null}
      {asking ? (
        <form onSubmit={send} aria-label={`Ask ${card.name} to connect`}>
          <TextAreaField
            label="Note"
            rows={2}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            optional
          />
          <button type="submit" className="button button--primary">
            Send request
          </button>{' '}
          <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      ) : null}{' '}
      <button
        type="button"
        className="button button--ghost"
        onClick={() =>
          void act(() => call(networkingRoutes.block, { params, body: { userId: card.userId } }))
        }
      >
        Block
      </button>
      {problem ? <p role="alert">{problem}</p> : null}
    </li>
  );
};
