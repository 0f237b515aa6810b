import { useCallback, useEffect, useMemo, useState } from 'react';
import { chatRoutes, type RoomView } from '../../../shared/chat/contracts';
import {
  moderationRoutes,
  type ReportView,
  type RestrictionView,
} from '../../../shared/chat/moderation-contracts';
import { AppShell } from '../components/app-shell';
import { FormAlert } from '../components/form-alert';
import { ApiError, call, errorMessage } from '../lib/api';
import { useConferenceNav } from '../lib/conference-nav';
import { useTitle } from '../lib/use-title';
import './conference-moderation-page.css';

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/** The organizers' moderation desk: the queue of reported messages, bans and mutes, slow mode per room. */
export const ConferenceModerationPage = ({ orgId, conferenceId }: Props) => {
  const nav = useConferenceNav(orgId, conferenceId);
  useTitle('Chat moderation');
  const params = useMemo(() => ({ orgId, conferenceId }), [orgId, conferenceId]);
  const [reports, setReports] = useState<ReportView[] | null>(null);
  const [restrictions, setRestrictions] = useState<RestrictionView[]>([]);
  const [rooms, setRooms] = useState<RoomView[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([
      call(moderationRoutes.listReports, { params, query: { status: 'open', limit: 100 } }),
      call(moderationRoutes.listRestrictions, { params }),
      call(chatRoutes.listRooms, { params: { orgId }, query: { conferenceId, limit: 100 } }),
    ])
      .then(([queue, restricted, listed]) => {
        setReports(queue.items);
        setRestrictions(restricted.items);
        setRooms(listed.items);
      })
      .catch((caught: unknown) => setFailure(errorMessage(caught)));
  }, [params, orgId, conferenceId]);
  useEffect(() => {
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [load]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setFailure(null);
    setNotice(null);
    try {
      await work();
      setNotice(done);
      load();
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };

  const decide = (report: ReportView, decision: 'resolved' | 'dismissed') =>
    call(moderationRoutes.decideReport, { params: { ...params, reportId: report.id }, body: { decision } });

  const deleteAndResolve = (report: ReportView) =>
    run(async () => {
      await call(moderationRoutes.deleteMessage, {
        params: { ...params, roomId: report.roomId, messageId: report.messageId },
      }).catch((caught: unknown) => {
        // Already deleted (by its author or another organizer): resolving the report is all that is left.
        if (!(caught instanceof ApiError && caught.status === 404)) throw caught;
      });
      await decide(report, 'resolved');
    }, 'Message deleted and report resolved.');

  return (
    <AppShell area="Event" nav={nav}>
      <h1>Chat moderation</h1>
      <FormAlert title={failure ?? undefined} />
      {notice ? <p role="status">{notice}</p> : null}
      <section className="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Reported messages</h2>
        {reports === null ? (
          <p role="status">Loading reports…</p>
        ) : reports.length === 0 ? (
          <p>No open reports.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Room</th>
                <th scope="col">Reason</th>
                <th scope="col">Reported by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <td>
                    <strong>{report.authorName}</strong>
                    <p className="moderation__text">{report.messageText}</p>
                  </td>
                  <td>{report.roomName}</td>
                  <td>
                    {report.reason}
                    {report.note ? <p className="moderation__text">{report.note}</p> : null}
                  </td>
                  <td>
                    {report.reporterName}{' '}
                    <time dateTime={report.createdAt}>{new Date(report.createdAt).toLocaleString()}</time>
                  </td>
                  <td>
                    <div className="moderation__actions">
                      <button
                        type="button"
                        className="button button--danger"
                        onClick={() => void deleteAndResolve(report)}
                      >
                        Delete message
                      </button>
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() =>
                          void run(
                            () =>
                              call(moderationRoutes.mute, {
                                params,
                                body: {
                                  userId: report.authorId,
                                  roomId: null,
                                  minutes: 15,
                                  reason: report.reason,
                                },
                              }),
                            `${report.authorName} is muted for 15 minutes.`,
                          )
                        }
                      >
                        Mute author 15 min
                      </button>
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() =>
                          void run(
                            () =>
                              call(moderationRoutes.ban, {
                                params: { ...params, userId: report.authorId },
                                body: { reason: report.reason },
                              }),
                            `${report.authorName} is banned from this event's chat.`,
                          )
                        }
                      >
                        Ban author
                      </button>
                      <button
                        type="button"
                        className="button button--quiet"
                        onClick={() => void run(() => decide(report, 'dismissed'), 'Report dismissed.')}
                      >
                        Dismiss
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="restrictions-heading">
        <h2 id="restrictions-heading">Bans and mutes</h2>
        {restrictions.length === 0 ? (
          <p>Nobody is banned or muted.</p>
        ) : (
          <ul>
            {restrictions.map((restriction) => (
              <li key={`${restriction.kind}:${restriction.userId}:${restriction.roomId}`}>
                {restriction.name}:{' '}
                {restriction.kind === 'ban'
                  ? 'banned'
                  : `muted ${restriction.roomId ? `in ${rooms.find((r) => r.id === restriction.roomId)?.name ?? 'one room'}` : 'in every room'} until ${new Date(restriction.until!).toLocaleTimeString()}`}
                {restriction.reason ? ` (${restriction.reason})` : ''}{' '}
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() =>
                    void run(
                      () =>
                        restriction.kind === 'ban'
                          ? call(moderationRoutes.unban, {
                              params: { ...params, userId: restriction.userId },
                            })
                          : call(moderationRoutes.unmute, {
                              params: { ...params, userId: restriction.userId },
                              query: restriction.roomId ? { roomId: restriction.roomId } : {},
                            }),
                      `Lifted for ${restriction.name}.`,
                    )
                  }
                >
                  Lift
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="slow-heading">
        <h2 id="slow-heading">Slow mode</h2>
        <ul>
          {rooms.map((room) => (
            <SlowModeRow
              key={room.id}
              room={room}
              onSave={(seconds) =>
                run(
                  () =>
                    call(moderationRoutes.setSlowMode, {
                      params: { ...params, roomId: room.id },
                      body: { seconds },
                    }),
                  seconds ? `${room.name}: one message every ${seconds} s.` : `${room.name}: slow mode off.`,
                )
              }
            />
          ))}
        </ul>
      </section>
    </AppShell>
  );
};

const SlowModeRow = ({
  room,
  onSave,
}: {
  readonly room: RoomView;
  readonly onSave: (seconds: number) => Promise<void>;
}) => {
  const [seconds, setSeconds] = useState(String(room.slowModeSeconds));
  const id = `slow-${room.id}`;
  return (
    <li>
      <label htmlFor={id}>{room.name}: seconds between messages (0 = off)</label>{' '}
      <input
        id={id}
        className="input"
        type="number"
        min={0}
        max={3600}
        value={seconds}
        onChange={(event) => setSeconds(event.target.value)}
      />{' '}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void onSave(Number(seconds) || 0)}
      >
        Save
      </button>
    </li>
  );
};
