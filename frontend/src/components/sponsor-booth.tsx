import { useEffect, useId, useMemo, useState } from 'react';
import { sponsorRoomRoutes } from '../../../shared/chat/sponsor-room-contracts';
import { sponsorLeadRoutes } from '../../../shared/conferences/sponsor-lead-contracts';
import { call, errorMessage } from '../lib/api';
import { downloadSponsorLeadsCsv } from '../lib/conference-exports';
import { navigate } from '../lib/router';

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly sponsor: { readonly id: string; readonly name: string };
  readonly organizer: boolean;
  readonly representative: boolean;
}

/**
 * What a person does at a sponsor's booth: share their contact by explicit consent (and take it back),
 * export the leads (representatives, organizers), open the sponsor's room (organizers).
 */
export const SponsorBooth = ({ orgId, conferenceId, sponsor, organizer, representative }: Props) => {
  const params = useMemo(
    () => ({ orgId, conferenceId, sponsorId: sponsor.id }),
    [orgId, conferenceId, sponsor.id],
  );
  const [sharedAt, setSharedAt] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [access, setAccess] = useState<'open' | 'invitation'>('open');
  const [problem, setProblem] = useState<string | null>(null);
  const consentId = useId();
  const accessId = useId();

  useEffect(() => {
    call(sponsorLeadRoutes.getLeadShare, { params })
      .then((share) => setSharedAt(share.sharedAt))
      .catch((caught: unknown) => setProblem(errorMessage(caught)));
  }, [params]);

  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    try {
      await work();
    } catch (caught) {
      setProblem(errorMessage(caught));
    }
  };

  return (
    <div className="sponsor-booth">
      {sharedAt ? (
        <p>
          You share your name and email with {sponsor.name} since {new Date(sharedAt).toLocaleString()}.{' '}
          <button
            type="button"
            className="button button--quiet"
            onClick={() =>
              void run(async () => {
                await call(sponsorLeadRoutes.revokeLead, { params });
                setSharedAt(null);
                setConsent(false);
              })
            }
          >
            Stop sharing
          </button>
        </p>
      ) : (
        <div>
          <input
            id={consentId}
            type="checkbox"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
          />{' '}
          <label htmlFor={consentId}>Share my name and email with {sponsor.name}</label>{' '}
          <button
            type="button"
            className="button button--secondary"
            disabled={!consent}
            onClick={() =>
              void run(async () => {
                setSharedAt(
                  (await call(sponsorLeadRoutes.shareLead, { params, body: { consent: true } })).sharedAt,
                );
              })
            }
          >
            Share contact
          </button>
        </div>
      )}
      {organizer || representative ? (
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void run(() => downloadSponsorLeadsCsv(params))}
        >
          Export leads CSV
        </button>
      ) : null}
      {organizer ? (
        <div>
          <label htmlFor={accessId}>Booth room</label>{' '}
          <select
            id={accessId}
            className="input input--select"
            value={access}
            onChange={(event) => setAccess(event.target.value as 'open' | 'invitation')}
          >
            <option value="open">Open to all attendees</option>
            <option value="invitation">By invitation</option>
          </select>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void run(async () => {
                const room = await call(sponsorRoomRoutes.openSponsorRoom, { params, body: { access } });
                navigate(`/chat?room=${room.id}`);
              })
            }
          >
            Open booth room
          </button>
        </div>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
    </div>
  );
};
