import { type FormEvent, useEffect, useId, useState } from 'react';
import type { RoomView } from '../../../shared/chat/contracts';
import { eventRoomRoutes } from '../../../shared/chat/event-room-contracts';
import { call, errorMessage } from '../lib/api';
import { type Invitable, readInvitable } from './room-scope';

/**
 * An organizer opens a private room of the event (an organizer from another organization too): a name and
 * the people invited, picked from the event's roster. Nobody else sees or joins it; more people are added
 * from the room's member list.
 */
export const PrivateRoomForm = ({
  orgId,
  conferenceId,
  selfId,
  onCreated,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly selfId: string;
  readonly onCreated: (room: RoomView) => void;
}) => {
  const [name, setName] = useState('');
  const [roster, setRoster] = useState<Invitable[]>([]);
  const [invited, setInvited] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    readInvitable({ orgId, conferenceId }, controller.signal)
      .then((people) => setRoster(people.filter((person) => person.userId !== selfId)))
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(cause));
      });
    return () => controller.abort();
  }, [orgId, conferenceId, selfId]);

  const toggle = (userId: string, on: boolean) =>
    setInvited((previous) => {
      const next = new Set(previous);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const room = await call(eventRoomRoutes.createPrivateRoom, {
        params: { orgId, conferenceId },
        body: { name, memberIds: [...invited] },
      });
      setName('');
      setInvited(new Set());
      setError(null);
      onCreated(room);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="chat__new-room" aria-label="New private room" onSubmit={(event) => void create(event)}>
      <label className="field">
        <span className="field__label">New private room</span>
        <input
          className="input"
          value={name}
          maxLength={80}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {roster.length ? (
        <fieldset className="chat__invitees">
          <legend className="field__label">Invite</legend>
          {roster.map((person) => (
            <Invite
              key={person.userId}
              person={person}
              checked={invited.has(person.userId)}
              onChange={toggle}
            />
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="button button--secondary" disabled={!name.trim() || busy}>
        Create private room
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
};

const Invite = ({
  person,
  checked,
  onChange,
}: {
  readonly person: Invitable;
  readonly checked: boolean;
  readonly onChange: (userId: string, checked: boolean) => void;
}) => {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(person.userId, event.target.checked)}
      />
      <label htmlFor={id}>
        {person.name} <span className="muted small">{person.role}</span>
      </label>
    </div>
  );
};
