import { useState } from 'react';
import {
  type CreateLeadInput,
  createLeadInput,
  crmRoutes,
  type LeadView,
  type UpdateLeadInput,
  updateLeadInput,
} from '../../../shared/crm/contracts';
import { ApiError, call } from '../lib/api';
import { type CrmScope, leadPath, leadSourceLabels } from '../lib/crm';
import { fieldBinder, unplacedErrors, validate } from '../lib/form';
import { Link } from '../lib/router';
import { useFormSubmit } from '../lib/use-form-submit';
import { DialogForm } from './dialog';
import { SelectField, TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

interface LeadFormProps {
  readonly scope: CrmScope;
  /** The lead to edit; without it the form adds one by hand. */
  readonly lead?: LeadView;
  readonly onSaved: (lead: LeadView) => void;
  readonly onCancel: () => void;
}

interface Values {
  name: string;
  email: string;
  phone: string;
  serviceWanted: string;
  message: string;
  source: 'manual' | 'import';
  notes: string;
}

const fields = ['name', 'email', 'phone', 'serviceWanted', 'message', 'source', 'notes'];

const valuesOf = (lead: LeadView | undefined): Values => ({
  name: lead?.name ?? '',
  email: lead?.email ?? '',
  phone: lead?.phone ?? '',
  serviceWanted: lead?.serviceWanted ?? '',
  message: lead?.message ?? '',
  source: 'manual',
  notes: lead?.notes ?? '',
});

/**
 * Adds a lead by hand, or edits a lead's contact and request (guarded by its version). An open lead with
 * the same email or phone is refused by the API; the form then links to it.
 */
export const LeadForm = ({ scope, lead, onSaved, onCancel }: LeadFormProps) => {
  const editing = lead !== undefined;
  const [values, setValues] = useState<Values>(() => valuesOf(lead));
  const [version, setVersion] = useState(lead?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const createCandidate = () => ({
    name: values.name,
    email: values.email.trim() || undefined,
    phone: values.phone.trim() || undefined,
    serviceWanted: values.serviceWanted,
    message: values.message,
    source: values.source,
    notes: values.notes,
  });

  const updateCandidate = () => ({
    version,
    name: values.name,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    serviceWanted: values.serviceWanted,
    message: values.message,
  });

  const { errors, failure, busy, submit, reloadWith } = useFormSubmit<CreateLeadInput | UpdateLeadInput>({
    check: () => {
      setConflict(false);
      setDuplicateOf(null);
      return editing
        ? validate(updateLeadInput, updateCandidate())
        : validate(createLeadInput, createCandidate());
    },
    invalidTitle: 'Please correct the highlighted fields.',
    send: async () => {
      try {
        onSaved(
          lead
            ? await call(crmRoutes.updateLead, {
                params: { orgId: scope.orgId, leadId: lead.id },
                body: updateLeadInput.parse(updateCandidate()),
              })
            : await call(crmRoutes.createLead, {
                params: { orgId: scope.orgId },
                body: createLeadInput.parse(createCandidate()),
              }),
        );
      } catch (caught) {
        if (caught instanceof ApiError && caught.duplicateOf) setDuplicateOf(caught.duplicateOf);
        throw caught;
      }
    },
    onVersionConflict: () => setConflict(true),
  });

  const reload = () =>
    reloadWith(async () => {
      if (!lead) return;
      const latest = await call(crmRoutes.getLead, { params: { orgId: scope.orgId, leadId: lead.id } });
      setValues(valuesOf(latest));
      setVersion(latest.version);
      setConflict(false);
    });
  const field = fieldBinder(values, set, errors);

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel={editing ? 'Save changes' : 'Add lead'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField
        label="Name"
        {...field('name')}
        autoComplete="off"
        maxLength={120}
        required
        className="form-grid__wide"
      />
      <TextField
        label="Email"
        type="email"
        hint="An email address or a phone number, or both."
        {...field('email')}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField label="Phone" type="tel" {...field('phone')} autoComplete="off" maxLength={40} />
      <TextField
        label="Service wanted"
        optional
        placeholder="Water heater replacement"
        {...field('serviceWanted')}
        maxLength={120}
        className="form-grid__wide"
      />
      <TextAreaField
        label="Message"
        optional
        hint="What the customer asked for, in their words."
        rows={3}
        {...field('message')}
        maxLength={2000}
        className="form-grid__wide"
      />
      {editing ? null : (
        <>
          <SelectField label="Source" {...field('source')}>
            <option value="manual">{leadSourceLabels.manual}</option>
            <option value="import">{leadSourceLabels.import}</option>
          </SelectField>
          <TextAreaField
            label="Notes"
            optional
            hint="Only your team sees these."
            rows={2}
            {...field('notes')}
            maxLength={2000}
            className="form-grid__wide"
          />
        </>
      )}
      <div className="form-grid__wide">
        {conflict ? (
          <VersionConflictAlert onReload={() => void reload()}>
            Someone else changed this lead after you opened it. Reload to see their changes, then make yours
            again.
          </VersionConflictAlert>
        ) : (
          <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, fields)}>
            {duplicateOf ? (
              <Link to={leadPath(scope, duplicateOf)} onClick={onCancel}>
                Open the existing lead
              </Link>
            ) : null}
          </FormAlert>
        )}
      </div>
    </DialogForm>
  );
};
