import { useState } from 'react';
import { id as idSchema } from '../../../shared/http/contracts';
import {
  type ProfileView,
  socialNetworks,
  updateProfileInput,
} from '../../../shared/organizations/contracts';
import { unplacedErrors, validate } from '../lib/form';
import { formatRelative } from '../lib/format';
import { useFormSubmit } from '../lib/use-form-submit';
import { type ProfileState, profileDraft } from '../lib/use-profile';
import { BusyButton } from './busy-button';
import { TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';

type Network = (typeof socialNetworks)[number];

export const networkLabels: Record<Network, string> = {
  x: 'X',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  facebook: 'Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  other: 'Other link',
};

const networkPlaceholders: Record<Network, string> = {
  x: 'https://x.com/…',
  linkedin: 'https://linkedin.com/company/…',
  instagram: 'https://instagram.com/…',
  facebook: 'https://facebook.com/…',
  youtube: 'https://youtube.com/@…',
  tiktok: 'https://tiktok.com/@…',
  other: 'https://',
};

const summaryMax = 2000;

interface Draft {
  summary: string;
  website: string;
  links: Record<Network, string>;
}

const draftOf = (profile: ProfileView): Draft => ({
  summary: profile.summary,
  website: profile.website ?? '',
  links: Object.fromEntries(
    socialNetworks.map((network) => [network, profile.socialLinks[network] ?? '']),
  ) as Record<Network, string>,
});

const displayUrl = (url: string) => url.replace(/^https:\/\/(www\.)?/, '').replace(/\/$/, '');

interface ProfileWidgetProps {
  readonly state: ProfileState;
  readonly canEdit: boolean;
}

/** Summary, website and social links; owners (and operator admins) edit them in place. */
export const ProfileWidget = ({ state, canEdit }: ProfileWidgetProps) => {
  const { profile } = state;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState(false);

  const { errors, failure, busy, submit, setErrors, setFailure, setBusy } = useFormSubmit({
    check: () => {
      if (!profile || !draft) return null;
      setConflict(false);
      const socialLinks = Object.fromEntries(
        socialNetworks
          .filter((network) => draft.links[network].trim() !== '')
          .map((n) => [n, draft.links[n].trim()]),
      );
      return validate(
        updateProfileInput,
        profileDraft(profile, { summary: draft.summary, website: draft.website.trim() || null, socialLinks }),
      );
    },
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) => {
      await state.save(data);
      setDraft(null);
    },
    onVersionConflict: () => setConflict(true),
  });

  const startEditing = () => {
    if (!profile) return;
    setDraft(draftOf(profile));
    setErrors({});
    setFailure(null);
    setConflict(false);
  };

  const reloadLatest = async () => {
    setBusy(true);
    const latest = await state.reload();
    setBusy(false);
    if (latest) {
      setDraft(draftOf(latest));
      setConflict(false);
      setFailure(null);
    }
  };

  const editButton =
    canEdit && profile && !draft ? (
      <button type="button" className="button button--secondary button--small" onClick={startEditing}>
        Edit profile
      </button>
    ) : null;

  return (
    <Widget title="Profile" wide actions={editButton}>
      {state.status === 'loading' ? (
        <LoadingRows label="Loading profile…" />
      ) : state.status === 'error' || !profile ? (
        <RetryAlert
          title={state.error ?? 'The profile could not be loaded.'}
          onRetry={() => void state.reload()}
        />
      ) : draft ? (
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Edit profile">
          <TextAreaField
            label="Summary"
            hint={`What your organization does, in a few sentences. ${draft.summary.length} of ${summaryMax} characters.`}
            rows={5}
            maxLength={summaryMax}
            value={draft.summary}
            onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
            error={errors.summary}
          />
          <TextField
            label="Website"
            type="url"
            optional
            placeholder="https://example.com"
            value={draft.website}
            onChange={(event) => setDraft({ ...draft, website: event.target.value })}
            error={errors.website}
            spellCheck={false}
          />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">Social links</legend>
            <p className="field__hint">Full links starting with https://; leave empty what you do not use.</p>
            <div className="form-grid">
              {socialNetworks.map((network) => (
                <TextField
                  key={network}
                  label={networkLabels[network]}
                  type="url"
                  placeholder={networkPlaceholders[network]}
                  value={draft.links[network]}
                  onChange={(event) =>
                    setDraft({ ...draft, links: { ...draft.links, [network]: event.target.value } })
                  }
                  error={errors[`socialLinks.${network}`]}
                  spellCheck={false}
                />
              ))}
            </div>
          </fieldset>
          {conflict ? (
            <div className="alert alert--warning" role="alert">
              <p className="alert__title">Someone else saved the profile</p>
              <p>
                The profile changed after you started editing. Reload it to see the latest version, then make
                your changes again.
              </p>
              <button type="button" className="button button--secondary" onClick={() => void reloadLatest()}>
                Reload profile
              </button>
            </div>
          ) : (
            <FormAlert
              title={failure ?? undefined}
              messages={unplacedErrors(errors, [
                'summary',
                'website',
                ...socialNetworks.map((network) => `socialLinks.${network}`),
              ])}
            />
          )}
          <div className="form__buttons">
            <button type="button" className="button button--secondary" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <BusyButton
              type="submit"
              className="button button--primary"
              disabled={conflict}
              busy={busy}
              busyLabel="Saving…"
            >
              Save profile
            </BusyButton>
          </div>
        </form>
      ) : (
        <ProfileDetails profile={profile} canEdit={canEdit} />
      )}
    </Widget>
  );
};

const ProfileDetails = ({
  profile,
  canEdit,
}: {
  readonly profile: ProfileView;
  readonly canEdit: boolean;
}) => {
  const links = socialNetworks.filter((network) => profile.socialLinks[network]);
  return (
    <div className="profile">
      {profile.summary ? (
        <p className="profile__summary">{profile.summary}</p>
      ) : (
        <p className="muted">{canEdit ? 'No summary yet. Tell visitors what you do.' : 'No summary yet.'}</p>
      )}
      <dl className="facts facts--stacked">
        <div>
          <dt>Website</dt>
          <dd>
            {profile.website ? (
              <a href={profile.website} target="_blank" rel="noopener noreferrer">
                {displayUrl(profile.website)}
              </a>
            ) : (
              <span className="muted">Not set</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Social links</dt>
          <dd>
            {links.length === 0 ? (
              <span className="muted">None yet</span>
            ) : (
              <ul className="link-list">
                {links.map((network) => (
                  <li key={network}>
                    <a href={profile.socialLinks[network]} target="_blank" rel="noopener noreferrer">
                      <span className="link-list__network">{networkLabels[network]}</span>{' '}
                      {displayUrl(profile.socialLinks[network] ?? '')}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {profile.updatedAt ? (
        <p className="muted small">
          Last saved {formatRelative(profile.updatedAt)}
          {profile.updatedBy && !idSchema.safeParse(profile.updatedBy).success
            ? ` by ${profile.updatedBy}`
            : ''}
          .
        </p>
      ) : null}
      {canEdit ? null : <p className="note">Only the owner of the organization can edit the profile.</p>}
    </div>
  );
};
