import { type CSSProperties, useCallback } from 'react';
import { conferenceRoutes, type publicConferenceView } from '../../../shared/conferences/contracts';
import type * as z from '../../../shared/schema/zod';
import { textOn } from '../../embed/form';
import { LoadingRows, RetryAlert } from '../components/list-states';
import { agendaDays } from '../conferences/agenda-days';
import { SessionTime } from '../conferences/session-time';
import { call } from '../lib/api';
import { useLoaded } from '../lib/use-loaded';
import { useTitle } from '../lib/use-title';
import { viewerTimeZone, zoneName } from '../lib/zoned-time';
import './public-conference-page.css';

type PublicConference = z.infer<typeof publicConferenceView>;

/**
 * A public or unlisted event's page, `/events/<orgId>/<conferenceId>`, for anyone: no sign-in. The API
 * answers 404 for an invitation-only event as for a missing one, so both read "not public".
 */
export const PublicConferencePage = ({
  orgId,
  conferenceId,
}: {
  readonly orgId: string;
  readonly conferenceId: string;
}) => {
  const load = useCallback(
    (signal: AbortSignal) =>
      call(conferenceRoutes.publicConference, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const event = useLoaded(load);
  const branding = event.data?.conference.branding;
  const style = branding
    ? ({
        '--event-primary': branding.primaryColor,
        '--event-on-primary': textOn(branding.primaryColor),
        '--event-accent': branding.accentColor,
      } as CSSProperties)
    : undefined;
  return (
    <div className="event-page" style={style}>
      <main id="main" className="event-page__main" tabIndex={-1}>
        {event.data ? (
          <EventDetails event={event.data} />
        ) : event.status === 'loading' ? (
          <LoadingRows label="Loading the event…" />
        ) : event.notFound ? (
          <NotPublic />
        ) : (
          <RetryAlert title={event.error ?? undefined} onRetry={() => void event.reload()} />
        )}
      </main>
      <footer className="event-page__footer">Event page by Portico</footer>
    </div>
  );
};

const NotPublic = () => {
  useTitle('Event not public');
  return (
    <div className="card card__padded">
      <h1 className="page-title">This event is not public</h1>
      <p>There is no public event at this address. If you were invited, open the link in your invitation.</p>
    </div>
  );
};

const EventDetails = ({ event }: { readonly event: PublicConference }) => {
  const { conference, speakers, sponsorTiers } = event;
  useTitle(conference.name);
  const zone = viewerTimeZone();
  const days = agendaDays(event.items, zone);
  const speakerNames = new Map(speakers.map((speaker) => [speaker.id, speaker.name]));
  const tiers = sponsorTiers.filter((tier) => tier.sponsors.length > 0);
  return (
    <>
      <header className="event-page__header">
        {conference.logoUrl ? (
          <img className="event-page__logo" src={conference.logoUrl} alt={`${conference.name} logo`} />
        ) : null}
        <div>
          <h1 className="event-page__title">{conference.name}</h1>
          <p>
            {conference.startDate === conference.endDate
              ? conference.startDate
              : `${conference.startDate} – ${conference.endDate}`}{' '}
            · {zoneName(conference.timeZone)}
          </p>
          <p>
            {conference.venue.kind === 'in-person' ? (
              [conference.venue.name, conference.venue.address].filter(Boolean).join(', ')
            ) : conference.venue.url ? (
              <>
                Online: <a href={conference.venue.url}>{conference.venue.url}</a>
              </>
            ) : (
              'Online'
            )}
          </p>
        </div>
      </header>
      {conference.description ? (
        <section aria-label="About the event" className="card card__padded">
          <p className="event-page__description">{conference.description}</p>
        </section>
      ) : null}

      <section aria-labelledby="event-agenda" className="card card__padded">
        <h2 id="event-agenda">Agenda</h2>
        <p className="page-lead">
          Times in {zoneName(zone)}
          {zone === conference.timeZone ? '' : ` (the event is in ${zoneName(conference.timeZone)})`}
        </p>
        {days.length === 0 ? <p>The agenda is not out yet.</p> : null}
        {days.map(({ day, tracks }) => (
          <section key={day} aria-label={day} className="agenda-day">
            <h3>{day}</h3>
            {tracks.map(({ track, items }) => (
              <div key={track} className="agenda-track">
                <h4>{track}</h4>
                <ul aria-label={`${track} sessions`}>
                  {items.map((item) => (
                    <li key={item.id} className="agenda-item">
                      <SessionTime item={item} zone={zone} eventZone={conference.timeZone} />{' '}
                      <strong>{item.title}</strong>
                      {item.room ? <span> · {item.room}</span> : null}
                      {item.speakerIds.length > 0 ? (
                        <span>
                          {' '}
                          ·{' '}
                          {item.speakerIds
                            .map((id) => speakerNames.get(id))
                            .filter(Boolean)
                            .join(', ')}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </section>

      {speakers.length > 0 ? (
        <section aria-labelledby="event-speakers" className="card card__padded">
          <h2 id="event-speakers">Speakers</h2>
          <ul className="event-page__speakers">
            {speakers.map((speaker) => (
              <li key={speaker.id} aria-label={speaker.name}>
                {speaker.photoUrl ? (
                  <img className="event-page__photo" src={speaker.photoUrl} alt={speaker.name} />
                ) : null}
                <h3>{speaker.name}</h3>
                <p>{[speaker.title, speaker.company].filter(Boolean).join(', ')}</p>
                {speaker.bio ? <p>{speaker.bio}</p> : null}
                {speaker.links.length > 0 ? <Links links={speaker.links} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {tiers.length > 0 ? (
        <section aria-labelledby="event-sponsors" className="card card__padded">
          <h2 id="event-sponsors">Sponsors</h2>
          {tiers.map((tier) => (
            <section
              key={tier.id}
              aria-label={tier.name}
              className={`event-page__tier event-page__tier--${tier.size}`}
            >
              <h3>{tier.name}</h3>
              <ul>
                {tier.sponsors.map((sponsor) => (
                  <li key={sponsor.id}>
                    {sponsor.logoUrl ? (
                      <img
                        className="event-page__sponsor-logo"
                        src={sponsor.logoUrl}
                        alt={`${sponsor.name} logo`}
                      />
                    ) : null}
                    <strong>{sponsor.name}</strong>
                    {sponsor.description ? <p>{sponsor.description}</p> : null}
                    {sponsor.links.length > 0 ? <Links links={sponsor.links} /> : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ) : null}
    </>
  );
};

const Links = ({
  links,
}: {
  readonly links: readonly { readonly label: string; readonly url: string }[];
}) => (
  <ul className="event-page__links">
    {links.map((link) => (
      <li key={link.url}>
        <a href={link.url} rel="noopener noreferrer">
          {link.label}
        </a>
      </li>
    ))}
  </ul>
);
