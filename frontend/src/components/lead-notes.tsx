import { useState } from 'react';
import { crmRoutes, type LeadView, updateLeadInput } from '../../../shared/crm/contracts';
import { call } from '../lib/api';
import { validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { BusyButton } from './busy-button';
import { TextAreaField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

interface LeadNotesProps {
  readonly orgId: string;
  readonly lead: LeadView;
  readonly onSaved: (lead: LeadView) => void;
  /** Loads the lead again after someone else changed it; null when that failed. */
  readonly onReload: () => Promise<LeadView | null>;
}

const notesMax = 2000;

/**
 * The team's notes on a lead, saved against the version this page holds: if someone else changed the
 * lead meanwhile the API refuses, and the editor offers to reload instead of overwriting their change.
 */
export const LeadNotes = ({ orgId, lead, onSaved, onReload }: LeadNotesProps) => {
  const [draft, setDraft] = useState(lead.notes);
  const [base, setBase] = useState(lead.notes);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);

  // New notes arrived (a reload, a save): show them, unless the user is typing over the old ones.
  if (lead.notes !== base) {
    setBase(lead.notes);
    if (draft === base) setDraft(lead.notes);
  }

  const { errors, failure, busy, submit, setFailure, setBusy } = useFormSubmit({
    check: () => {
      setConflict(false);
      if (draft === lead.notes) return null;
      return validate(updateLeadInput, { version: lead.version, notes: draft });
    },
    send: async (data) => {
      onSaved(await call(crmRoutes.updateLead, { params: { orgId, leadId: lead.id }, body: data }));
      setSaved(true);
    },
    onVersionConflict: () => setConflict(true),
  });

  const reload = async () => {
    setBusy(true);
    const latest = await onReload();
    setBusy(false);
    if (!latest) {
      setFailure('The lead could not be loaded. Please try again.');
      return;
    }
    setDraft(latest.notes);
    setBase(latest.notes);
    setConflict(false);
    setFailure(null);
  };

  const changed = draft !== lead.notes;
  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label="Notes">
      <TextAreaField
        label="Notes for your team"
        hint={`Never shown to the customer. ${draft.length} of ${notesMax} characters.`}
        rows={5}
        maxLength={notesMax}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          setSaved(false);
        }}
        error={errors.notes}
      />
      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()} reloadLabel="Reload lead">
          This lead changed after you opened it, so your notes were not saved. Reload to see the latest
          version (this replaces what you typed), then make your change again.
        </VersionConflictAlert>
      ) : (
        <FormAlert title={failure ?? undefined} />
      )}
      <div className="form__buttons form__buttons--start">
        <BusyButton
          type="submit"
          className="button button--primary"
          busy={busy}
          busyLabel="Saving…"
          disabled={!changed || conflict}
        >
          Save notes
        </BusyButton>
        {changed ? (
          <button type="button" className="button button--ghost" onClick={() => setDraft(lead.notes)}>
            Discard changes
          </button>
        ) : null}
        <p className="muted crm-saved" role="status">
          {saved && !changed ? 'Notes saved.' : ''}
        </p>
      </div>
    </form>
  );
};
