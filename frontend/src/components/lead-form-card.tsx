import { useCallback, useEffect, useState } from 'react';
import {
  type LeadFormSettingsView,
  leadFormSettingsRoutes,
  saveLeadFormSettingsInput,
} from '../../../shared/lead-form/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { embedScriptPath } from '../../embed/paths';
import { call, errorMessage } from '../lib/api';
import { foldListErrors, unplacedErrors, validate } from '../lib/form';
import { useToast } from '../lib/toast';
import { useFormSubmit } from '../lib/use-form-submit';
import { BusyButton } from './busy-button';
import { TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import { LeadFormHost } from './lead-form-host';
import { LoadingRows, RetryAlert } from './list-states';
import { Widget } from './widget';
import './lead-form-card.css';

interface LeadFormCardProps {
  readonly organization: OrganizationView;
  /** Owners and operator admins edit the form's services and intro. */
  readonly canEdit: boolean;
  /** Who reads the card: the operator sets allowed origins, an owner asks for them. */
  readonly audience: 'admin' | 'owner';
}

/** The embed snippet for an organization: one script tag, served by this site. */
export const embedSnippet = (siteOrigin: string, slug: string) =>
  `<script src="${siteOrigin}/${embedScriptPath}" data-portico-form="${slug}" async></script>`;

/**
 * The organization's lead form: the hosted page, the snippet to paste into its website, the form's
 * services and intro, and a live preview of what visitors see.
 */
export const LeadFormCard = ({ organization, canEdit, audience }: LeadFormCardProps) => {
  const notify = useToast();
  const siteOrigin = window.location.origin;
  const hostedUrl = `${siteOrigin}/lead/${organization.slug}`;
  const snippet = embedSnippet(siteOrigin, organization.slug);
  // Bumped after a save, so the preview fetches the form again.
  const [revision, setRevision] = useState(0);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      notify('The snippet is copied. Paste it into your website where the form should appear.');
    } catch {
      notify('Copying is blocked here: select the snippet and copy it by hand.', 'error');
    }
  };

  return (
    <Widget title="Lead form" wide>
      <div className="lead-form-card">
        <p className="muted">
          Visitors send requests from your website or your form page; each one becomes a lead.
        </p>
        <dl className="facts facts--stacked">
          <div>
            <dt>Form page</dt>
            <dd>
              <a href={hostedUrl} target="_blank" rel="noreferrer">
                {hostedUrl}
              </a>
            </dd>
          </div>
          <div>
            <dt>Websites that may embed it</dt>
            <dd>
              {organization.allowedOrigins.length ? (
                <ul className="plain-list">
                  {organization.allowedOrigins.map((origin) => (
                    <li key={origin}>{origin}</li>
                  ))}
                </ul>
              ) : (
                <span className="muted">
                  None yet.{' '}
                  {audience === 'admin'
                    ? 'Add the client’s website under Edit settings → Allowed origins.'
                    : 'Ask your agency to add your website’s address.'}
                </span>
              )}
            </dd>
          </div>
        </dl>

        <div className="lead-form-card__section">
          <h3 className="section-title">Embed on a website</h3>
          <p className="field__hint" id={`snippet-hint-${organization.id}`}>
            Paste this where the form should appear, on a page of a website listed above.
          </p>
          <pre className="lead-form-card__snippet" aria-describedby={`snippet-hint-${organization.id}`}>
            <code>{snippet}</code>
          </pre>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void copy()}
          >
            Copy snippet
          </button>
        </div>

        {canEdit ? (
          <div className="lead-form-card__section">
            <h3 className="section-title">Services and intro</h3>
            <LeadFormSettingsForm orgId={organization.id} onSaved={() => setRevision((n) => n + 1)} />
          </div>
        ) : null}

        <div className="lead-form-card__section">
          <h3 className="section-title">Preview</h3>
          <div className="lead-form-card__preview">
            <LeadFormHost
              key={revision}
              slug={organization.slug}
              source="embed"
              preview
              label="Lead form preview"
            />
          </div>
        </div>
      </div>
    </Widget>
  );
};

interface Draft {
  services: string;
  intro: string;
}

const LeadFormSettingsForm = ({
  orgId,
  onSaved,
}: {
  readonly orgId: string;
  readonly onSaved: () => void;
}) => {
  const notify = useToast();
  const [settings, setSettings] = useState<LeadFormSettingsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({ services: '', intro: '' });

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadError(null);
      try {
        const loaded = await call(leadFormSettingsRoutes.getSettings, { params: { orgId }, signal });
        setSettings(loaded);
        setDraft({ services: loaded.services.join('\n'), intro: loaded.intro });
      } catch (caught) {
        if (!signal?.aborted) setLoadError(errorMessage(caught));
      }
    },
    [orgId],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () =>
      settings
        ? validate(saveLeadFormSettingsInput, {
            version: settings.version,
            services: draft.services
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
            intro: draft.intro,
          })
        : null,
    placeErrors: (found) => foldListErrors(found, ['services']),
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) => {
      const saved = await call(leadFormSettingsRoutes.saveSettings, { params: { orgId }, body: data });
      setSettings(saved);
      setDraft({ services: saved.services.join('\n'), intro: saved.intro });
      notify('The lead form is saved.');
      onSaved();
    },
    failureTitle: (caught) => errorMessage(caught),
    onVersionConflict: () => {
      notify('Someone else changed the form meanwhile: their version is shown now.', 'error');
      void load();
    },
  });

  if (loadError) return <RetryAlert title={loadError} onRetry={() => void load()} />;
  if (!settings) return <LoadingRows label="Loading the form’s settings…" />;
  return (
    <form
      className="form form--compact"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Lead form settings"
    >
      <TextAreaField
        label="Services offered"
        optional
        hint="One per line; visitors pick one. Leave empty to not ask."
        rows={4}
        value={draft.services}
        onChange={(event) => setDraft({ ...draft, services: event.target.value })}
        error={errors.services}
      />
      <TextField
        label="Intro line"
        optional
        maxLength={300}
        placeholder="Free quotes within one business day."
        value={draft.intro}
        onChange={(event) => setDraft({ ...draft, intro: event.target.value })}
        error={errors.intro}
      />
      <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, ['services', 'intro'])} />
      <div className="form__buttons form__buttons--start">
        <BusyButton type="submit" className="button button--primary" busy={busy} busyLabel="Saving…">
          Save form
        </BusyButton>
      </div>
    </form>
  );
};
