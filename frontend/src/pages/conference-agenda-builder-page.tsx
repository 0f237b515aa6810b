import { useCallback, useState } from 'react';
import {
  type AgendaItemView,
  type AgendaView,
  conferenceRoutes,
} from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { AppShell } from '../components/app-shell';
import { FormAlert } from '../components/form-alert';
import { PageHeader } from '../components/list-page';
import { EmptyState } from '../components/list-states';
import { LoadedItem } from '../components/loaded-item';
import { AgendaBuilder, describePlacement } from '../conferences/agenda-builder';
import { changeOf, type Placement } from '../conferences/agenda-grid';
import { useLiveAgenda } from '../conferences/use-live-agenda';
import { ApiError, call, errorMessage } from '../lib/api';
import { conferenceNav } from '../lib/conference-nav';
import { Link } from '../lib/router';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { zoneName } from '../lib/zoned-time';

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/**
 * Organizers arrange the agenda on a grid of tracks and time slots. Each move is one versioned update;
 * when someone else changed the session meanwhile (409), the grid reloads and says so instead of
 * overwriting their change. Another organizer's changes arrive over the live channel meanwhile.
 */
export const ConferenceAgendaBuilderPage = ({ orgId, conferenceId }: Props) => {
  useTitle('Agenda builder');
  const load = useCallback(
    (signal: AbortSignal) => call(conferenceRoutes.getAgenda, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const agenda = useLoaded(load);
  const [notice, setNotice] = useState<string | null>(null);

  const commit = async (item: AgendaItemView, placement: Placement) => {
    setNotice(null);
    try {
      await call(conferenceRoutes.updateAgendaItem, {
        params: { orgId, conferenceId, itemId: item.id },
        body: { version: item.version, ...changeOf(item, placement) },
      });
      await agenda.reload();
      return `Saved: ${item.title} at ${describePlacement(placement)}.`;
    } catch (caught) {
      if (caught instanceof ApiError && caught.isVersionConflict) {
        await agenda.reload();
        const message = `Someone else changed “${item.title}” meanwhile, so your move was not saved. The agenda now shows their version; move it again if you still want to.`;
        setNotice(message);
        return message;
      }
      const reasons = caught instanceof ApiError ? Object.values(caught.fieldErrors) : [];
      const message = `“${item.title}” was not moved: ${reasons.length ? reasons.join(' ') : errorMessage(caught)}`;
      setNotice(message);
      return message;
    }
  };

  return (
    <AppShell area="Event" nav={conferenceNav(orgId, conferenceId, agenda.data?.conference.features)}>
      <LoadedItem item={agenda} noun="event" back={<Link to="/conferences">All events</Link>}>
        {(data) =>
          data.conference.myRole === 'organizer' ? (
            <>
              <PageHeader
                title={`Agenda builder: ${data.conference.name}`}
                lead={`Times in the event’s zone, ${zoneName(data.conference.timeZone)}`}
              />
              <FormAlert title={notice ?? undefined} />
              <LiveAgendaBuilder loaded={data} reload={agenda.reload} onCommit={commit} />
            </>
          ) : (
            <EmptyState title="For organizers">
              <p>Only the event’s organizers arrange its agenda.</p>
              <Link to={dashboardUrl('conference', { orgId, conferenceId })}>See the agenda</Link>
            </EmptyState>
          )
        }
      </LoadedItem>
    </AppShell>
  );
};

/** The grid on the agenda as the live channel keeps it, so another organizer's move shows at once. */
const LiveAgendaBuilder = ({
  loaded,
  reload,
  onCommit,
}: {
  readonly loaded: AgendaView;
  readonly reload: () => unknown;
  readonly onCommit: (item: AgendaItemView, placement: Placement) => Promise<string>;
}) => {
  const { agenda } = useLiveAgenda(loaded, reload);
  return <AgendaBuilder agenda={agenda} onCommit={onCommit} />;
};
