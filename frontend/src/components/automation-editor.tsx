import { type ReactNode, useId, useState } from 'react';
import {
  type AutomationId,
  type AutomationsView,
  automationRoutes,
  automationTemplates,
  updateAutomationsInput,
} from '../../../shared/automations/contracts';
import { call } from '../lib/api';
import {
  draftErrors,
  draftOf,
  hourLabel,
  newStepDraft,
  patchOf,
  reminderChoices,
  type SettingsDraft,
  type StepDraft,
} from '../lib/automations';
import { type FieldErrors, unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { zoneName } from '../lib/zoned-time';
import { DialogForm } from './dialog';
import { SelectField, TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import './automations.css';
import { VersionConflictAlert } from './version-conflict-alert';

interface CheckboxFieldProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly error?: string | undefined;
}

/** A labelled checkbox whose hint and error are announced with it. */
const CheckboxField = ({ label, hint, checked, onChange, error }: CheckboxFieldProps) => {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={described || undefined}
          aria-invalid={error ? true : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint ? (
        <p className="field__hint checkbox__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
};

/** The inputs each template's form shows, by the error path they display. */
const placedFields: Record<AutomationId, (draft: SettingsDraft) => string[]> = {
  'lead-capture': () => [
    'enabled',
    'notifyUsers',
    'googleSheetsRow.enabled',
    'googleSheetsRow.spreadsheetUrl',
  ],
  'appointment-helper': () => [
    'enabled',
    'sendConfirmation',
    'addToCalendar',
    'reminderMinutesBefore',
    'jobs',
    'bookings',
  ],
  'follow-up-sequence': (draft) => [
    'enabled',
    'steps',
    ...(draft.automation === 'follow-up-sequence'
      ? draft.steps.flatMap((_, index) => ['afterHours', 'subject', 'body'].map((f) => `steps.${index}.${f}`))
      : []),
  ],
  'review-request': () => [
    'enabled',
    'reviewUrl',
    'delayHours',
    'quietHours',
    'quietHours.start',
    'quietHours.end',
  ],
  'daily-digest': () => ['enabled', 'hour'],
};

interface FieldsProps<A extends AutomationId> {
  readonly draft: Extract<SettingsDraft, { automation: A }>;
  readonly onChange: (draft: Extract<SettingsDraft, { automation: A }>) => void;
  readonly errors: FieldErrors;
  readonly timeZone: string;
}

const LeadCaptureFields = ({ draft, onChange, errors }: FieldsProps<'lead-capture'>) => (
  <>
    <CheckboxField
      label="Email the organization’s users about each new lead"
      hint="Every active owner and member gets an alert with the lead’s details and a link to it."
      checked={draft.notifyUsers}
      onChange={(notifyUsers) => onChange({ ...draft, notifyUsers })}
      error={errors.notifyUsers}
    />
    <CheckboxField
      label="Also add each lead as a row to a Google Sheet"
      hint="Rows are written once the organization has connected Google Workspace (on its dashboard)."
      checked={draft.sheetsEnabled}
      onChange={(sheetsEnabled) => onChange({ ...draft, sheetsEnabled })}
      error={errors['googleSheetsRow.enabled']}
    />
    {draft.sheetsEnabled ? (
      <TextField
        label="Spreadsheet address"
        optional
        type="url"
        inputMode="url"
        placeholder="https://docs.google.com/spreadsheets/d/…"
        value={draft.spreadsheetUrl}
        onChange={(event) => onChange({ ...draft, spreadsheetUrl: event.target.value })}
        error={errors['googleSheetsRow.spreadsheetUrl']}
      />
    ) : null}
    {draft.sheetsEnabled ? (
      <TextField
        label="Sheet or range"
        optional
        hint="A tab name such as Leads, or a range such as Leads!A:H. Empty: the first sheet."
        value={draft.sheetRange}
        onChange={(event) => onChange({ ...draft, sheetRange: event.target.value })}
        error={errors['googleSheetsRow.range']}
      />
    ) : null}
  </>
);

const AppointmentHelperFields = ({ draft, onChange, errors }: FieldsProps<'appointment-helper'>) => (
  <>
    <CheckboxField
      label="For the organization’s jobs"
      checked={draft.jobs}
      onChange={(jobs) => onChange({ ...draft, jobs })}
      error={errors.jobs}
    />
    <CheckboxField
      label="For calls booked with the agency"
      hint="A booking already confirms itself; these get the reminder only."
      checked={draft.bookings}
      onChange={(bookings) => onChange({ ...draft, bookings })}
      error={errors.bookings}
    />
    <CheckboxField
      label="Confirm a scheduled or moved job to its customer right away"
      checked={draft.sendConfirmation}
      onChange={(sendConfirmation) => onChange({ ...draft, sendConfirmation })}
      error={errors.sendConfirmation}
    />
    <CheckboxField
      label="Put each scheduled job into the organization’s Google Calendar"
      hint="Once the organization has connected Google Workspace (on its dashboard); the event moves with the job."
      checked={draft.addToCalendar}
      onChange={(addToCalendar) => onChange({ ...draft, addToCalendar })}
      error={errors.addToCalendar}
    />
    <SelectField
      label="Reminder"
      value={draft.reminder}
      onChange={(event) => onChange({ ...draft, reminder: event.target.value })}
      error={errors.reminderMinutesBefore}
    >
      {reminderChoices(draft.reminder === '' ? null : Number(draft.reminder)).map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </SelectField>
  </>
);

const maxSteps = 5;

const FollowUpFields = ({ draft, onChange, errors }: FieldsProps<'follow-up-sequence'>) => {
  const setStep = (key: number, change: Partial<StepDraft>) =>
    onChange({
      ...draft,
      steps: draft.steps.map((step) => (step.key === key ? { ...step, ...change } : step)),
    });
  return (
    <>
      <p className="field__hint">
        Each step is emailed to a lead that is still new that many hours after it arrived; the sequence stops
        when the lead moves on or unsubscribes. In the subject and message, {'{name}'}, {'{business}'} and{' '}
        {'{service}'} are filled in.
      </p>
      {draft.steps.map((step, index) => (
        <fieldset key={step.key} className="fieldset">
          <legend className="fieldset__legend">Step {index + 1}</legend>
          <TextField
            label="Hours after the lead arrives"
            type="number"
            inputMode="numeric"
            min={1}
            max={90 * 24}
            step={1}
            value={step.afterHours}
            onChange={(event) => setStep(step.key, { afterHours: event.target.value })}
            error={errors[`steps.${index}.afterHours`]}
          />
          <TextField
            label="Subject"
            maxLength={150}
            value={step.subject}
            onChange={(event) => setStep(step.key, { subject: event.target.value })}
            error={errors[`steps.${index}.subject`]}
          />
          <TextAreaField
            label="Message"
            hint="Plain text; a blank line starts a new paragraph."
            rows={5}
            maxLength={4000}
            value={step.body}
            onChange={(event) => setStep(step.key, { body: event.target.value })}
            error={errors[`steps.${index}.body`]}
          />
          {draft.steps.length > 1 ? (
            <div>
              <button
                type="button"
                className="button button--ghost button--small button--danger-text"
                onClick={() => onChange({ ...draft, steps: draft.steps.filter((s) => s.key !== step.key) })}
              >
                Remove step {index + 1}
              </button>
            </div>
          ) : null}
        </fieldset>
      ))}
      {errors.steps ? (
        <p className="field__error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {errors.steps}
        </p>
      ) : null}
      {draft.steps.length < maxSteps ? (
        <div>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange({ ...draft, steps: [...draft.steps, newStepDraft(draft.steps)] })}
          >
            Add a step
          </button>
        </div>
      ) : (
        <p className="field__hint">A sequence has at most {maxSteps} steps.</p>
      )}
    </>
  );
};

const ReviewRequestFields = ({ draft, onChange, errors, timeZone }: FieldsProps<'review-request'>) => (
  <>
    <TextField
      label="Review link"
      hint="Where customers leave a review: Google, Yelp, …. Needed to turn review requests on."
      type="url"
      inputMode="url"
      placeholder="https://g.page/r/…/review"
      value={draft.reviewUrl}
      onChange={(event) => onChange({ ...draft, reviewUrl: event.target.value })}
      error={errors.reviewUrl}
    />
    <TextField
      label="Hours after the job is completed"
      type="number"
      inputMode="numeric"
      min={0}
      max={30 * 24}
      step={1}
      value={draft.delayHours}
      onChange={(event) => onChange({ ...draft, delayHours: event.target.value })}
      error={errors.delayHours}
    />
    <CheckboxField
      label="Keep quiet hours"
      hint={`No request goes out in quiet hours (${zoneName(timeZone)}); one due then waits until they end.`}
      checked={draft.quietHours}
      onChange={(quietHours) => onChange({ ...draft, quietHours })}
      error={errors.quietHours}
    />
    {draft.quietHours ? (
      <div className="field-row">
        <TextField
          label="Quiet from"
          type="time"
          value={draft.quietStart}
          onChange={(event) => onChange({ ...draft, quietStart: event.target.value })}
          error={errors['quietHours.start']}
        />
        <TextField
          label="Quiet until"
          type="time"
          value={draft.quietEnd}
          onChange={(event) => onChange({ ...draft, quietEnd: event.target.value })}
          error={errors['quietHours.end']}
        />
      </div>
    ) : null}
  </>
);

const hoursOfDay = Array.from({ length: 24 }, (_, hour) => hour);

const DailyDigestFields = ({ draft, onChange, errors, timeZone }: FieldsProps<'daily-digest'>) => (
  <SelectField
    label="Send at"
    hint={`Every morning on the organization’s clock (${zoneName(timeZone)}).`}
    value={draft.hour}
    onChange={(event) => onChange({ ...draft, hour: event.target.value })}
    error={errors.hour}
  >
    {hoursOfDay.map((hour) => (
      <option key={hour} value={String(hour)}>
        {hourLabel(hour)}
      </option>
    ))}
  </SelectField>
);

const TemplateFields = ({
  draft,
  onChange,
  errors,
  timeZone,
}: {
  readonly draft: SettingsDraft;
  readonly onChange: (draft: SettingsDraft) => void;
  readonly errors: FieldErrors;
  readonly timeZone: string;
}) => {
  const common = { onChange, errors, timeZone };
  switch (draft.automation) {
    case 'lead-capture':
      return <LeadCaptureFields draft={draft} {...common} />;
    case 'appointment-helper':
      return <AppointmentHelperFields draft={draft} {...common} />;
    case 'follow-up-sequence':
      return <FollowUpFields draft={draft} {...common} />;
    case 'review-request':
      return <ReviewRequestFields draft={draft} {...common} />;
    case 'daily-digest':
      return <DailyDigestFields draft={draft} {...common} />;
  }
};

interface AutomationEditorProps {
  readonly view: AutomationsView;
  readonly automation: AutomationId;
  readonly onSaved: (view: AutomationsView) => void;
  readonly onCancel: () => void;
  /** Fetches the latest settings after someone else changed them. */
  readonly onReload: () => Promise<AutomationsView | null>;
}

/**
 * Turns one template on or off and configures it. Only that template is sent, with the version the
 * editor loaded: a save over someone else's change is refused, and the editor offers to reload.
 */
export const AutomationEditor = ({
  view,
  automation,
  onSaved,
  onCancel,
  onReload,
}: AutomationEditorProps) => {
  const [base, setBase] = useState(view);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(view, automation));
  const [conflict, setConflict] = useState(false);
  const name = automationTemplates[automation].name;

  const { errors, failure, busy, submit, setBusy, setErrors, setFailure } = useFormSubmit({
    check: () => {
      setConflict(false);
      return validate(updateAutomationsInput, patchOf(base.version, draft));
    },
    placeErrors: (found) => draftErrors(automation, found),
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) =>
      onSaved(await call(automationRoutes.update, { params: { orgId: base.orgId }, body: data })),
    onVersionConflict: () => setConflict(true),
  });

  const reload = async () => {
    setBusy(true);
    const latest = await onReload();
    setBusy(false);
    if (!latest) return;
    setBase(latest);
    setDraft(draftOf(latest, automation));
    setErrors({});
    setFailure(null);
    setConflict(false);
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={`Save ${name}`}
      submitDisabled={conflict}
      className="form-grid form-grid--single"
    >
      <CheckboxField
        label="Run this automation"
        hint="Off: nothing runs and nothing new is queued; the settings below are kept."
        checked={draft.enabled}
        onChange={(enabled) => setDraft({ ...draft, enabled })}
        error={errors.enabled}
      />
      <TemplateFields draft={draft} onChange={setDraft} errors={errors} timeZone={base.timeZone} />
      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()} reloadLabel="Reload latest settings">
          Someone else changed this organization’s automations after you opened this form. Reload to see the
          latest settings, then make your change again.
        </VersionConflictAlert>
      ) : (
        <FormAlert
          title={failure ?? undefined}
          messages={unplacedErrors(errors, placedFields[automation](draft))}
        />
      )}
    </DialogForm>
  );
};
