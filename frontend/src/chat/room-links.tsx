import type { RoomView } from '../../../shared/chat/contracts';
import { navigate } from '../lib/router';

/** The rooms to pick from, the current one marked, with unread badges on the others. */
export const RoomLinks = ({
  rooms,
  selected,
  hrefOf,
}: {
  readonly rooms: readonly RoomView[];
  readonly selected: string | null;
  /** The page address that opens a room. */
  readonly hrefOf: (roomId: string) => string;
}) => (
  <ul className="chat__room-list">
    {rooms.map((room) => (
      <li key={room.id}>
        <button
          type="button"
          className={`chat__room${room.id === selected ? ' chat__room--current' : ''}`}
          aria-current={room.id === selected ? 'page' : undefined}
          onClick={() => navigate(hrefOf(room.id))}
        >
          <span>{room.name}</span>
          {room.kind === 'private' ? <span className="muted small"> · private</span> : null}
          {room.closedAt ? <span className="muted small"> · closed</span> : null}
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
);
