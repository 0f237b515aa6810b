import { useEffect, useId, useMemo, useState } from 'react';
import {
  type CreateJobInput,
  createJobInput,
  crmRoutes,
  type JobView,
  type LeadView,
  type UpdateJobInput,
  updateJobInput,
} from '../../../shared/crm/contracts';
import type { OrganizationView } from '../../../shared/organizations/contracts';
import { call } from '../lib/api';
import { type CrmScope, canMarkWonWithJob } from '../lib/crm';
import { type FieldErrors, fieldBinder, unplacedErrors, type Validation, validate } from '../lib/form';
import { amountInputValue, currencyOptions, parseAmount } from '../lib/money';
import { useFormSubmit } from '../lib/use-form-submit';
import { defaultScheduleLocal, zoneName } from '../lib/zoned-time';
import { DialogForm } from './dialog';
import { SelectField, TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

/** What the form does: schedule a job directly, schedule one from a lead, or edit one. */
export type JobFormMode =
  | { readonly kind: 'create' }
  | { readonly kind: 'from-lead'; readonly lead: LeadView }
  | { readonly kind: 'edit'; readonly job: JobView };

interface JobFormProps {
  readonly scope: CrmScope;
  readonly organization: OrganizationView;
  readonly mode: JobFormMode;
  readonly onSaved: (job: JobView) => void;
  readonly onCancel: () => void;
  /** Loads the lead or job again after someone else changed it; null when that failed. */
  readonly onReload?: () => Promise<JobView | LeadView | null>;
}

interface Values {
  title: string;
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  address: string;
  scheduledAt: string;
  durationMinutes: string;
  amount: string;
  currency: string;
  notes: string;
  markWon: boolean;
}

const fallbackCurrency = 'USD';

const fields = [
  'title',
  'customer.name',
  'customer.email',
  'customer.phone',
  'address',
  'scheduledAt',
  'durationMinutes',
  'price.amountMinor',
  'price.currency',
  'notes',
];

const initialValues = (mode: JobFormMode, timeZone: string): Values => {
  if (mode.kind === 'edit') {
    const { job } = mode;
    return {
      title: job.title,
      customerName: job.customer.name,
      customerEmail: job.customer.email ?? '',
      customerPhone: job.customer.phone ?? '',
      address: job.address,
      scheduledAt: job.scheduledAtLocal,
      durationMinutes: String(job.durationMinutes),
      amount: amountInputValue(job.price),
      currency: job.price.currency,
      notes: job.notes,
      markWon: false,
    };
  }
  const lead = mode.kind === 'from-lead' ? mode.lead : null;
  return {
    title: lead ? lead.serviceWanted || `Job for ${lead.name}` : '',
    customerName: '',
    customerEmail: '',
    customerPhone: '',
    address: '',
    scheduledAt: defaultScheduleLocal(timeZone),
    durationMinutes: '60',
    amount: '',
    currency: fallbackCurrency,
    notes: '',
    markWon: lead ? canMarkWonWithJob(lead.status) : false,
  };
};

/** The form's values as the API's input, with the amount read in the currency's minor unit. */
const candidateOf = (values: Values) => {
  const amount = parseAmount(values.amount, values.currency);
  return {
    amount,
    input: {
      title: values.title,
      customer: {
        name: values.customerName,
        email: values.customerEmail.trim() || null,
        phone: values.customerPhone.trim() || null,
      },
      address: values.address,
      scheduledAt: values.scheduledAt,
      durationMinutes: Number(values.durationMinutes),
      price: { amountMinor: amount.ok ? amount.amountMinor : 0, currency: values.currency },
      notes: values.notes,
    },
  };
};

/** Adds the amount's own message to the schema's verdict. */
const withAmount = <T,>(checked: Validation<T>, amount: ReturnType<typeof parseAmount>): Validation<T> => {
  if (amount.ok) return checked;
  const errors: FieldErrors = checked.ok ? {} : checked.errors;
  return { ok: false, errors: { ...errors, 'price.amountMinor': amount.message } };
};

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Schedules a job (directly or from a lead) or edits one. Times are typed on the organization's clock
 * and sent as they are: the API reads a time without an offset in the organization's time zone.
 */
export const JobForm = ({ scope, organization, mode, onSaved, onCancel, onReload }: JobFormProps) => {
  const { timeZone } = organization;
  const [values, setValues] = useState<Values>(() => initialValues(mode, timeZone));
  const [currencyTouched, setCurrencyTouched] = useState(mode.kind === 'edit');
  const [conflict, setConflict] = useState(false);
  const markWonId = useId();
  const currencies = useMemo(() => currencyOptions([values.currency]), [values.currency]);
  const job = mode.kind === 'edit' ? mode.job : null;
  const lead = mode.kind === 'from-lead' ? mode.lead : null;
  const canReschedule = !job || job.status === 'scheduled';

  // A new job is priced like the organization's other jobs, until someone picks a currency.
  useEffect(() => {
    if (currencyTouched) return;
    const controller = new AbortController();
    call(crmRoutes.listJobs, {
      params: { orgId: scope.orgId },
      query: { limit: 1 },
      signal: controller.signal,
    })
      .then((page) => {
        const currency = page.items[0]?.price.currency;
        if (currency) setValues((current) => ({ ...current, currency }));
      })
      .catch(() => {
        // The fallback currency stays; the field can change it.
      });
    return () => controller.abort();
  }, [currencyTouched, scope.orgId]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  /** Only what changed: rescheduling a started job is refused, so an unchanged time is not sent. */
  const updateCandidate = (current: JobView) => {
    const { input } = candidateOf(values);
    const changes: Record<string, unknown> = {};
    if (input.title !== current.title) changes.title = input.title;
    if (!sameJson(input.customer, current.customer)) changes.customer = input.customer;
    if (input.address !== current.address) changes.address = input.address;
    if (input.scheduledAt !== current.scheduledAtLocal) changes.scheduledAt = input.scheduledAt;
    if (input.durationMinutes !== current.durationMinutes) changes.durationMinutes = input.durationMinutes;
    if (!sameJson(input.price, current.price)) changes.price = input.price;
    if (input.notes !== current.notes) changes.notes = input.notes;
    return { version: current.version, ...changes };
  };

  const createCandidate = () => {
    const { input } = candidateOf(values);
    if (!lead) return input;
    const { customer: _fromLead, ...rest } = input;
    return {
      ...rest,
      title: input.title.trim() || undefined,
      fromLead: { leadId: lead.id, version: lead.version, markWon: values.markWon },
    };
  };

  const { errors, failure, busy, submit, setErrors, setFailure, setBusy } = useFormSubmit<
    CreateJobInput | UpdateJobInput
  >({
    check: () => {
      setConflict(false);
      const { amount } = candidateOf(values);
      if (job) {
        const changes = updateCandidate(job);
        // Nothing changed: nothing to send.
        if (Object.keys(changes).length === 1) {
          onCancel();
          return null;
        }
        return withAmount(validate(updateJobInput, changes), amount);
      }
      return withAmount(validate(createJobInput, createCandidate()), amount);
    },
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) =>
      onSaved(
        job
          ? await call(crmRoutes.updateJob, {
              params: { orgId: scope.orgId, jobId: job.id },
              body: data as UpdateJobInput,
            })
          : await call(crmRoutes.createJob, { params: { orgId: scope.orgId }, body: data as CreateJobInput }),
      ),
    onVersionConflict: () => setConflict(true),
  });

  const field = fieldBinder(values, set, errors);

  const reload = async () => {
    if (!onReload) return;
    setBusy(true);
    const latest = await onReload();
    setBusy(false);
    if (!latest) {
      setFailure('The latest version could not be loaded. Please try again.');
      return;
    }
    // An edited job starts over from the latest version; a job from a lead keeps what was typed.
    if ('scheduledAtLocal' in latest) setValues(initialValues({ kind: 'edit', job: latest }, timeZone));
    setConflict(false);
    setFailure(null);
    setErrors({});
  };

  const customerFields = lead ? (
    <div className="form-grid__wide crm-form-note">
      <p className="field__label">Customer</p>
      <p>
        {lead.name}
        {lead.email ? ` · ${lead.email}` : ''}
        {lead.phone ? ` · ${lead.phone}` : ''}
      </p>
      <p className="field__hint">Taken from the lead; you can change it on the job later.</p>
    </div>
  ) : (
    <fieldset className="fieldset form-grid__wide">
      <legend className="fieldset__legend">Customer</legend>
      <div className="form-grid">
        <TextField
          label="Customer name"
          value={values.customerName}
          onChange={(event) => set('customerName', event.target.value)}
          error={errors['customer.name'] ?? errors.customer}
          autoComplete="off"
          maxLength={120}
          required
          className="form-grid__wide"
        />
        <TextField
          label="Customer email"
          type="email"
          hint="An email address or a phone number, or both."
          value={values.customerEmail}
          onChange={(event) => set('customerEmail', event.target.value)}
          error={errors['customer.email']}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Customer phone"
          type="tel"
          value={values.customerPhone}
          onChange={(event) => set('customerPhone', event.target.value)}
          error={errors['customer.phone']}
          autoComplete="off"
          maxLength={40}
        />
      </div>
    </fieldset>
  );

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={job ? 'Save changes' : 'Schedule job'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField
        label="Title"
        placeholder="Water heater replacement"
        {...field('title')}
        maxLength={120}
        required={!lead}
        className="form-grid__wide"
      />
      {customerFields}
      <TextField
        label="Address"
        {...field('address')}
        autoComplete="off"
        maxLength={300}
        required
        className="form-grid__wide"
      />
      <TextField
        label="Date and time"
        type="datetime-local"
        hint={
          canReschedule
            ? `On the organization’s clock: ${zoneName(timeZone)}.`
            : `Only a scheduled job can be rescheduled. Times are in ${zoneName(timeZone)}.`
        }
        {...field('scheduledAt')}
        disabled={!canReschedule}
        required
      />
      <TextField
        label="Duration (minutes)"
        type="number"
        inputMode="numeric"
        min={5}
        max={1440}
        step={5}
        {...field('durationMinutes')}
        disabled={!canReschedule}
      />
      <TextField
        label="Price"
        name="amount"
        inputMode="decimal"
        placeholder="180.00"
        value={values.amount}
        onChange={(event) => set('amount', event.target.value)}
        error={errors['price.amountMinor'] ?? errors.price}
        autoComplete="off"
        required
      />
      <SelectField
        label="Currency"
        name="currency"
        value={values.currency}
        onChange={(event) => {
          setCurrencyTouched(true);
          set('currency', event.target.value);
        }}
        error={errors['price.currency']}
      >
        {currencies.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Notes"
        name="notes"
        optional
        rows={2}
        value={values.notes}
        onChange={(event) => set('notes', event.target.value)}
        error={errors.notes}
        maxLength={2000}
        className="form-grid__wide"
      />
      {lead && canMarkWonWithJob(lead.status) ? (
        <div className="checkbox form-grid__wide">
          <input
            id={markWonId}
            type="checkbox"
            checked={values.markWon}
            onChange={(event) => set('markWon', event.target.checked)}
          />
          <label htmlFor={markWonId}>Mark the lead as won</label>
        </div>
      ) : null}
      <div className="form-grid__wide">
        {conflict ? (
          <VersionConflictAlert onReload={onReload ? () => void reload() : undefined}>
            {lead
              ? 'The lead changed after you opened this form. Reload it, then schedule the job again.'
              : 'Someone else changed this job after you opened it. Reload to see their changes, then make yours again.'}
          </VersionConflictAlert>
        ) : (
          <FormAlert
            title={failure ?? undefined}
            messages={unplacedErrors(errors, [...fields, 'customer', 'price'])}
          />
        )}
      </div>
    </DialogForm>
  );
};
