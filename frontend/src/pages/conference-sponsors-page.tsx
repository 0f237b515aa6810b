import { useCallback, useEffect, useMemo, useState } from 'react';
import { conferenceRoutes } from '../../../shared/conferences/contracts';
import { sponsorRoutes, type sponsorsView, tierSizes } from '../../../shared/conferences/sponsor-contracts';
import type * as z from '../../../shared/schema/zod';
import { AppShell } from '../components/app-shell';
import { SelectField, TextField } from '../components/field';
import { FormAlert } from '../components/form-alert';
import { SponsorBooth } from '../components/sponsor-booth';
import { ImageField } from '../conferences/image-field';
import { call, errorMessage } from '../lib/api';
import { type ConferenceNavFeatures, conferenceNav } from '../lib/conference-nav';
import { useUser } from '../lib/session';
import { useTitle } from '../lib/use-title';

type Sponsors = z.infer<typeof sponsorsView>;
type Size = (typeof tierSizes)[number];

const logoHeights: Record<Size, number> = { large: 96, medium: 64, small: 40 };

interface Props {
  readonly orgId: string;
  readonly conferenceId: string;
}

/** The sponsor showcase by tier, with adding tiers and sponsors for organizers. */
export const ConferenceSponsorsPage = ({ orgId, conferenceId }: Props) => {
  useTitle('Sponsors');
  const params = useMemo(() => ({ orgId, conferenceId }), [orgId, conferenceId]);
  const [data, setData] = useState<Sponsors | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [tierName, setTierName] = useState('');
  const [tierSize, setTierSize] = useState<Size>('medium');
  const [sponsor, setSponsor] = useState({ name: '', tierId: '', logoUrl: '', website: '' });

  const load = useCallback(() => {
    call(sponsorRoutes.listSponsors, { params })
      .then(setData)
      .catch((caught: unknown) => setFailure(errorMessage(caught)));
  }, [params]);
  useEffect(load, [load]);
  const user = useUser();
  const [organizer, setOrganizer] = useState(false);
  const [features, setFeatures] = useState<ConferenceNavFeatures>(null);
  useEffect(() => {
    call(conferenceRoutes.getConference, { params })
      .then((conference) => {
        setOrganizer(conference.myRole === 'organizer');
        setFeatures(conference.features);
      })
      .catch(() => setOrganizer(false));
  }, [params]);

  const run = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
      load();
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };

  return (
    <AppShell area="Event" nav={conferenceNav(orgId, conferenceId, features)}>
      <h1>Sponsors</h1>
      <FormAlert title={failure ?? undefined} />
      {data?.tiers.map((tier) => (
        <section key={tier.id} className="card">
          <h2>{tier.name}</h2>
          <ul className="sponsor-grid">
            {data.sponsors
              .filter((s) => s.tierId === tier.id)
              .map((s) => (
                <li key={s.id}>
                  {s.logoUrl ? (
                    <img src={s.logoUrl} alt={s.name} height={logoHeights[tier.size]} />
                  ) : (
                    <strong>{s.name}</strong>
                  )}
                  <p>{s.description}</p>
                  {s.links.map((link) => (
                    <a key={link.url} href={link.url} rel="noopener noreferrer" target="_blank">
                      {link.label}
                    </a>
                  ))}
                  {s.representatives.length ? (
                    <p>Talk to {s.representatives.map((r) => r.name).join(', ')}</p>
                  ) : null}
                  {s.contact ? <p>Contact: {s.contact.name}</p> : null}
                  {organizer ? (
                    <ImageField
                      label={`Logo of ${s.name}`}
                      params={params}
                      target={{ kind: 'sponsor-logo', sponsorId: s.id }}
                      // The card shows the logo already; the field adds no second preview.
                      current={null}
                      alt={`${s.name} logo`}
                      onUploaded={load}
                    />
                  ) : null}
                  <SponsorBooth
                    orgId={orgId}
                    conferenceId={conferenceId}
                    sponsor={s}
                    organizer={organizer}
                    representative={s.representatives.some((r) => r.userId === user.id)}
                  />
                </li>
              ))}
          </ul>
        </section>
      ))}
      {data ? (
        <section className="card">
          <h2>Add a tier</h2>
          <TextField
            label="Tier name"
            name="tierName"
            value={tierName}
            onChange={(e) => setTierName(e.target.value)}
          />
          <SelectField
            label="Display size"
            name="tierSize"
            value={tierSize}
            onChange={(e) => setTierSize(e.target.value as Size)}
          >
            {tierSizes.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </SelectField>
          <button
            type="button"
            className="button"
            onClick={() =>
              void run(() =>
                call(sponsorRoutes.saveSponsorTiers, {
                  params,
                  body: {
                    version: data.tiersVersion,
                    tiers: [...data.tiers, { name: tierName, size: tierSize }],
                  },
                }),
              )
            }
          >
            Add tier
          </button>
          <h2>Add a sponsor</h2>
          <TextField
            label="Name"
            name="sponsorName"
            value={sponsor.name}
            onChange={(e) => setSponsor({ ...sponsor, name: e.target.value })}
          />
          <SelectField
            label="Tier"
            name="sponsorTier"
            value={sponsor.tierId}
            onChange={(e) => setSponsor({ ...sponsor, tierId: e.target.value })}
          >
            <option value="">Choose…</option>
            {data.tiers.map((tier) => (
              <option key={tier.id} value={tier.id}>
                {tier.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Logo (https link)"
            name="logoUrl"
            value={sponsor.logoUrl}
            onChange={(e) => setSponsor({ ...sponsor, logoUrl: e.target.value })}
          />
          <TextField
            label="Website (https link)"
            name="website"
            value={sponsor.website}
            onChange={(e) => setSponsor({ ...sponsor, website: e.target.value })}
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              void run(async () => {
                await call(sponsorRoutes.createSponsor, {
                  params,
                  body: {
                    name: sponsor.name,
                    tierId: sponsor.tierId,
                    logoUrl: sponsor.logoUrl || null,
                    description: '',
                    links: sponsor.website ? [{ label: 'Website', url: sponsor.website }] : [],
                    contact: null,
                    representativeIds: [],
                    rank: 100,
                  },
                });
                setSponsor({ name: '', tierId: sponsor.tierId, logoUrl: '', website: '' });
              })
            }
          >
            Add sponsor
          </button>
        </section>
      ) : null}
    </AppShell>
  );
};
