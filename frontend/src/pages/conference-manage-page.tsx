import { useCallback, useState } from 'react';
import {
  type AgendaItemView,
  type AgendaView,
  conferenceRoutes,
  type SpeakerView,
} from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import { AppShell } from '../components/app-shell';
import { ConfirmDialog, Dialog } from '../components/dialog';
import { FormAlert } from '../components/form-alert';
import { PageHeader } from '../components/list-page';
import { EmptyState } from '../components/list-states';
import { ListTable, RowAction } from '../components/list-table';
import { LoadedItem } from '../components/loaded-item';
import { ConferenceForm } from '../conferences/conference-form';
import { ImageField } from '../conferences/image-field';
import { overlapNotes } from '../conferences/overlap-notes';
import { SessionForm } from '../conferences/session-form';
import { SpeakerForm } from '../conferences/speaker-form';
import { useLiveAgenda } from '../conferences/use-live-agenda';
import { call, errorMessage } from '../lib/api';
import { conferenceNav } from '../lib/conference-nav';
import { Link } from '../lib/router';
import { useToast } from '../lib/toast';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import './conference-manage-page.css';
import { zoneName } from '../lib/zoned-time';

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

type Editing =
  | { readonly kind: 'event' }
  | { readonly kind: 'session'; readonly item?: AgendaItemView & { readonly description: string } }
  | { readonly kind: 'speaker'; readonly speaker?: SpeakerView };

/** The organizers' page of one event: its settings, its sessions on the event's clock, and its speakers. */
export const ConferenceManagePage = ({ orgId, conferenceId }: Props) => {
  const load = useCallback(
    (signal: AbortSignal) => call(conferenceRoutes.getAgenda, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const agenda = useLoaded(load);
  return (
    <AppShell area="Event" nav={conferenceNav(orgId, conferenceId, agenda.data?.conference.features)}>
      <LoadedItem item={agenda} noun="event" back={<Link to="/conferences">All events</Link>}>
        {(data) => <Manage loaded={data} reload={() => void agenda.reload()} />}
      </LoadedItem>
    </AppShell>
  );
};

const isOrganizerView = (speaker: AgendaView['speakers'][number]): speaker is SpeakerView =>
  'version' in speaker;

const Manage = ({ loaded, reload }: { readonly loaded: AgendaView; readonly reload: () => void }) => {
  // Another organizer's sessions, moves and removals arrive over the live channel.
  const { agenda } = useLiveAgenda(loaded, reload);
  const { conference } = agenda;
  useTitle(`Manage ${conference.name}`);
  const notify = useToast();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<AgendaItemView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const params = { orgId: conference.orgId, conferenceId: conference.id };
  const speakers = agenda.speakers.filter(isOrganizerView);
  const speakerNames = new Map(agenda.speakers.map((speaker) => [speaker.id, speaker.name]));
  const notes = overlapNotes(agenda);
  const zone = zoneName(conference.timeZone);
  const items = [...agenda.items].sort((a, b) => a.startUtc.localeCompare(b.startUtc));
  const saved = (message: string) => {
    setEditing(null);
    notify(message);
    reload();
  };
  const editSession = async (item: AgendaItemView) => {
    setFailure(null);
    try {
      const detail = await call(conferenceRoutes.getAgendaItem, { params: { ...params, itemId: item.id } });
      setEditing({ kind: 'session', item: detail });
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };
  const venue =
    conference.venue.kind === 'in-person'
      ? [conference.venue.name, conference.venue.address].filter(Boolean).join(', ')
      : (conference.venue.url ?? 'Virtual');

  return (
    <>
      <PageHeader
        title={conference.name}
        lead={`${conference.startDate} – ${conference.endDate} · ${zone} · ${conference.privacy} · ${venue}`}
        actions={
          <>
            <Link className="button button--secondary" to={dashboardUrl('conference', params)}>
              Open the agenda
            </Link>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setEditing({ kind: 'event' })}
            >
              Edit event
            </button>
          </>
        }
      />
      <FormAlert title={failure ?? undefined} />
      <div className="conference-manage">
        <section aria-labelledby="logo-heading" className="card card__padded">
          <h2 id="logo-heading" className="section-header__title">
            Logo
          </h2>
          <ImageField
            label="Event logo"
            params={params}
            target={{ kind: 'logo' }}
            current={conference.logoUrl}
            alt={`${conference.name} logo`}
            onUploaded={() => saved('The logo is saved.')}
          />
        </section>
        <section aria-labelledby="sessions-heading" className="card card--flush">
          <div className="card__padded section-header">
            <h2 id="sessions-heading" className="section-header__title">
              Sessions
            </h2>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditing({ kind: 'session' })}
            >
              Add session
            </button>
          </div>
          <p className="muted card__padded">Times on the event’s clock: {zone}.</p>
          {items.length === 0 ? (
            <EmptyState title="No sessions yet">Add the first session of the agenda.</EmptyState>
          ) : (
            <div className="conference-manage__table">
              <ListTable columns={['When', 'Session', 'Track', 'Room', 'Speakers']}>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <time dateTime={item.startUtc}>
                        {item.start.replace('T', ' ')}–{item.end.slice(11)}
                      </time>
                    </td>
                    <td>
                      {item.title}
                      {notes.get(item.id)?.map((note) => (
                        <p key={note} className="badge badge--warning">
                          Overlap: {note}
                        </p>
                      ))}
                      {item.notes.map((note) => (
                        <p key={note} className="muted">
                          {note}
                        </p>
                      ))}
                    </td>
                    <td>{item.track || '—'}</td>
                    <td>{item.room || '—'}</td>
                    <td>
                      {item.speakerIds.map((id) => speakerNames.get(id) ?? 'Unknown').join(', ') || '—'}
                    </td>
                    <td>
                      <RowAction label={`Edit ${item.title}`} onClick={() => void editSession(item)}>
                        Edit
                      </RowAction>
                      <RowAction label={`Delete ${item.title}`} danger onClick={() => setDeleting(item)}>
                        Delete
                      </RowAction>
                    </td>
                  </tr>
                ))}
              </ListTable>
            </div>
          )}
        </section>

        <section aria-labelledby="speakers-heading" className="card card--flush">
          <div className="card__padded section-header">
            <h2 id="speakers-heading" className="section-header__title">
              Speakers
            </h2>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditing({ kind: 'speaker' })}
            >
              Add speaker
            </button>
          </div>
          {speakers.length === 0 ? (
            <EmptyState title="No speakers yet">Add speakers, then choose them for sessions.</EmptyState>
          ) : (
            <div className="conference-manage__table">
              <ListTable columns={['Name', 'Title', 'Email', 'Account']}>
                {speakers.map((speaker) => (
                  <tr key={speaker.id}>
                    <td>{speaker.name}</td>
                    <td>{[speaker.title, speaker.company].filter(Boolean).join(', ') || '—'}</td>
                    <td>{speaker.email ?? '—'}</td>
                    <td>{speaker.userId ? 'Linked' : 'None'}</td>
                    <td>
                      <RowAction
                        label={`Edit ${speaker.name}`}
                        onClick={() => setEditing({ kind: 'speaker', speaker })}
                      >
                        Edit
                      </RowAction>
                    </td>
                  </tr>
                ))}
              </ListTable>
            </div>
          )}
        </section>
      </div>

      <Dialog
        open={editing?.kind === 'event'}
        title="Edit event"
        onClose={() => setEditing(null)}
        size="large"
      >
        <ConferenceForm
          orgId={conference.orgId}
          conference={conference}
          onCancel={() => setEditing(null)}
          onSaved={() => saved('The event is saved.')}
        />
      </Dialog>
      <Dialog
        open={editing?.kind === 'session'}
        title={editing?.kind === 'session' && editing.item ? `Edit ${editing.item.title}` : 'Add a session'}
        description={`Times on the event’s clock: ${zone}.`}
        onClose={() => setEditing(null)}
        size="large"
      >
        {editing?.kind === 'session' ? (
          <SessionForm
            agenda={agenda}
            item={editing.item}
            onCancel={() => setEditing(null)}
            onSaved={() => saved('The session is saved.')}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={editing?.kind === 'speaker'}
        title={
          editing?.kind === 'speaker' && editing.speaker ? `Edit ${editing.speaker.name}` : 'Add a speaker'
        }
        onClose={() => setEditing(null)}
        size="large"
      >
        {editing?.kind === 'speaker' ? (
          <SpeakerForm
            orgId={conference.orgId}
            conferenceId={conference.id}
            speaker={editing.speaker}
            onCancel={() => {
              // A photo may have been saved meanwhile.
              setEditing(null);
              reload();
            }}
            onSaved={(speaker) => saved(`${speaker.name} is saved.`)}
          />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this session?"
        message={deleting ? `${deleting.title} leaves the agenda; saved copies in calendars stay.` : ''}
        confirmLabel="Delete session"
        tone="danger"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await call(conferenceRoutes.deleteAgendaItem, {
            params: { ...params, itemId: deleting.id },
            query: { version: deleting.version },
          });
          setDeleting(null);
          saved(`${deleting.title} is deleted.`);
        }}
      />
    </>
  );
};
