import { type FormEvent, useEffect, useState } from 'react';
import type { MemberView, RoomView } from '../../../shared/chat/contracts';
import { heartbeatIntervalSeconds } from '../../../shared/realtime/contracts';
import { errorMessage } from '../lib/api';
import { presenceLabel } from './presence';
import {
  addToRoom,
  type Invitable,
  type RoomScope,
  readInvitable,
  readMembers,
  removeFromRoom,
} from './room-scope';

/**
 * A room's members with who is online, and in a private room what the caller may do about them: add
 * people (its members in the organization's rooms, the organizers in an event's), take someone out (the
 * room's creator and those who manage it), and leave.
 */
export const MemberSidebar = ({
  scope,
  roomId,
  room,
  userId,
  joins,
  manages,
  onLeft,
}: {
  readonly scope: RoomScope;
  readonly roomId: string;
  /** The room as read when it opened; until then nobody is offered anything. */
  readonly room: RoomView | null;
  readonly userId: string;
  /** A join makes an open room's visitor a member: the list is read after the first. */
  readonly joins: number;
  /** Owners, operator admins and (in an event's rooms) its organizers. */
  readonly manages: boolean;
  readonly onLeft: () => void;
}) => {
  const { orgId, conferenceId } = scope;
  const [members, setMembers] = useState<MemberView[]>([]);
  const [changes, setChanges] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `changes` asks for a fresh list at once.
  useEffect(() => {
    let stopped = false;
    const load = async () => {
      try {
        const page = await readMembers({ orgId, conferenceId }, roomId, { limit: 100 });
        if (!stopped) setMembers(page.items);
      } catch {
        // The room view shows connection problems; the sidebar tries again at the next interval.
      }
    };
    if (joins === 0) return;
    void load();
    const timer = setInterval(() => void load(), heartbeatIntervalSeconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [orgId, conferenceId, roomId, joins, changes]);

  const isPrivate = room?.kind === 'private';
  // As the routes decide: anyone in a private room of the organization adds colleagues; an event's
  // rooms take people from its roster, which only its organizers read.
  const mayAdd = isPrivate && (conferenceId ? manages : Boolean(room?.isMember) || manages);
  // Anyone on the roster walks back into an open room: keeping someone out of one is a ban, not this.
  const mayRemoveOthers = isPrivate && (manages || room?.createdBy === userId);

  /** Takes someone out of the room, or (one's own id) leaves it. */
  const takeOut = async (memberId: string) => {
    try {
      await removeFromRoom({ orgId, conferenceId }, roomId, memberId);
      setProblem(null);
      if (memberId === userId) onLeft();
      else setChanges((count) => count + 1);
    } catch (cause) {
      setProblem(errorMessage(cause));
    }
  };

  return (
    <aside className="chat__members" aria-label="Members">
      <h2 className="chat__subtitle">Members</h2>
      <ul>
        {members.map((member) => (
          <li key={member.userId} className="chat__member">
            <span className={`chat__presence chat__presence--${member.presence}`} aria-hidden="true" />
            {member.name} <span className="chat__presence-label">{presenceLabel[member.presence]}</span>
            {mayRemoveOthers && member.userId !== userId ? (
              <button
                type="button"
                className="button button--ghost chat__member-remove"
                aria-label={`Remove ${member.name} from the room`}
                onClick={() => void takeOut(member.userId)}
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {mayAdd ? (
        <AddToRoom
          scope={{ orgId, conferenceId }}
          roomId={roomId}
          members={members}
          onAdded={() => setChanges((count) => count + 1)}
        />
      ) : null}
      {isPrivate && room?.isMember ? (
        <button type="button" className="button button--ghost" onClick={() => void takeOut(userId)}>
          Leave room
        </button>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </aside>
  );
};

/** Picks one of the people the room takes who is not in it yet, and adds them. */
const AddToRoom = ({
  scope,
  roomId,
  members,
  onAdded,
}: {
  readonly scope: RoomScope;
  readonly roomId: string;
  readonly members: readonly MemberView[];
  readonly onAdded: () => void;
}) => {
  const { orgId, conferenceId } = scope;
  const [people, setPeople] = useState<Invitable[]>([]);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    readInvitable({ orgId, conferenceId }, controller.signal)
      .then(setPeople)
      .catch((cause: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(cause));
      });
    return () => controller.abort();
  }, [orgId, conferenceId]);

  const inRoom = new Set(members.map((member) => member.userId));
  const candidates = people.filter((person) => !inRoom.has(person.userId));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await addToRoom({ orgId, conferenceId }, roomId, chosen);
      setChosen('');
      setError(null);
      onAdded();
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="chat__add-member"
      aria-label="Add someone to the room"
      onSubmit={(event) => void add(event)}
    >
      <label className="field">
        <span className="field__label">Add someone</span>
        <select
          className="input input--select"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">{candidates.length ? 'Choose a person…' : 'Everyone is here'}</option>
          {candidates.map((person) => (
            <option key={person.userId} value={person.userId}>
              {person.name} ({person.role})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--secondary" disabled={!chosen || busy}>
        Add
      </button>
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
};
