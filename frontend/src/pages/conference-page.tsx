import { useCallback, useState } from 'react';
import {
  type AgendaItemView,
  type AgendaView,
  conferenceRoutes,
} from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { AppShell } from '../components/app-shell';
import { PageHeader } from '../components/list-page';
import { LoadedItem } from '../components/loaded-item';
import { agendaDays } from '../conferences/agenda-days';
import { navFor } from '../conferences/conference-nav';
import { SessionTime } from '../conferences/session-time';
import { StreamEmbed } from '../conferences/stream-embed';
import { useLiveAgenda } from '../conferences/use-live-agenda';
import { call } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { viewerTimeZone, zoneName } from '../lib/zoned-time';

const stateLabels: Record<string, string> = {
  scheduled: 'Scheduled',
  live: 'Live now',
  ended: 'Ended',
  recording: 'Recording',
};

/** One event: its agenda by day and track kept live, each session's stream state, and the stream of the chosen one. */
export const ConferencePage = ({
  orgId,
  conferenceId,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
}) => {
  const { user } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => call(conferenceRoutes.getAgenda, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const agenda = useLoaded(load);
  return (
    <AppShell area="Events" nav={navFor(user)}>
      <LoadedItem item={agenda} noun="event" back={<Link to={dashboardUrl('conferences')}>All events</Link>}>
        {(data) => <Agenda loaded={data} reload={agenda.reload} />}
      </LoadedItem>
    </AppShell>
  );
};

const Agenda = ({ loaded, reload }: { readonly loaded: AgendaView; readonly reload: () => unknown }) => {
  // Sessions added, moved or removed by an organizer arrive over the live channel, as do stream states.
  const { agenda, states } = useLiveAgenda(loaded, reload);
  const { conference } = agenda;
  useTitle(conference.name);
  // Calendar entries link to one session (`?session=<id>`): open its stream straight away.
  const linked = useLocation().search.get('session');
  const [selected, setSelected] = useState<string | null>(linked);
  const organizer = conference.myRole === 'organizer';
  // Organizers manage on the event's clock; everyone else reads their own, with the event's beside it.
  const zone = organizer ? conference.timeZone : viewerTimeZone();
  const days = agendaDays(agenda.items, zone);
  const ids = { orgId: conference.orgId, conferenceId: conference.id };
  const listed = conference.privacy !== 'invitation-only';
  const chosen = agenda.items.find((item) => item.id === selected);
  const overlapping = new Set(agenda.overlaps.flatMap((overlap) => overlap.itemIds));
  return (
    <>
      <PageHeader
        title={conference.name}
        logo={
          conference.logoUrl ? <img src={conference.logoUrl} alt={`${conference.name} logo`} /> : undefined
        }
        lead={`${conference.startDate} – ${conference.endDate} · times in ${zoneName(zone)}${zone === conference.timeZone ? '' : ` (the event is in ${zoneName(conference.timeZone)})`}`}
        actions={
          organizer || conference.features.networking || conference.features.chat ? (
            <>
              {conference.features.networking ? (
                <Link className="button" to={dashboardUrl('conferenceNetworking', ids)}>
                  Networking
                </Link>
              ) : null}
              {conference.features.chat ? (
                <Link className="button" to={dashboardUrl('conferenceChat', ids)}>
                  Chat
                </Link>
              ) : null}
              {organizer && listed ? (
                <Link className="button button--secondary" to={dashboardUrl('publicConference', ids)}>
                  Public page
                </Link>
              ) : null}
              {organizer ? (
                <Link className="button button--secondary" to={dashboardUrl('conferenceManage', ids)}>
                  Manage the event
                </Link>
              ) : null}
            </>
          ) : undefined
        }
      />
      {chosen ? (
        <section aria-label="Session stream" className="card">
          <h2>{chosen.title}</h2>
          <StreamEmbed item={chosen} state={states[chosen.id] ?? chosen.state} />
        </section>
      ) : null}
      {days.map(({ day, tracks }) => (
        <section key={day} aria-label={day} className="agenda-day">
          <h2>{day}</h2>
          {tracks.map(({ track, items: sessions }) => (
            <div key={track} className="agenda-track">
              <h3>{track}</h3>
              <ul aria-label={`${track} sessions`}>
                {sessions.map((item) => (
                  <Session
                    key={item.id}
                    item={item}
                    zone={zone}
                    eventZone={conference.timeZone}
                    state={states[item.id] ?? item.state}
                    flagged={overlapping.has(item.id)}
                    onOpen={() => setSelected(item.id)}
                  />
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
};

const Session = ({
  item,
  zone,
  eventZone,
  state,
  flagged,
  onOpen,
}: {
  readonly item: AgendaItemView;
  readonly zone: string;
  readonly eventZone: string;
  readonly state: string;
  readonly flagged: boolean;
  readonly onOpen: () => void;
}) => (
  <li className="agenda-item" data-state={state}>
    <SessionTime item={item} zone={zone} eventZone={eventZone} />{' '}
    <button type="button" className="link-button" onClick={onOpen}>
      {item.title}
    </button>{' '}
    <span className={`badge badge--${state}`}>{stateLabels[state]}</span>
    {item.room ? <span> · {item.room}</span> : null}
    {flagged ? <span className="badge badge--warning"> Overlap</span> : null}
  </li>
);
