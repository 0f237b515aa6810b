import { useId, useMemo, useState } from 'react';
import {
  type CreateOrganizationInput,
  createOrganizationInput,
  defaultBranding,
  type OrganizationView,
  organizationRoutes,
  type UpdateOrganizationInput,
  updateOrganizationInput,
} from '../../../shared/organizations/contracts';
import { call } from '../lib/api';
import { fieldBinder, foldListErrors, unplacedErrors, validate } from '../lib/form';
import { slugify } from '../lib/format';
import { browserTimeZone, timeZoneOptions } from '../lib/time-zones';
import { useFormSubmit } from '../lib/use-form-submit';
import { DialogForm } from './dialog';
import { SelectField, TextAreaField, TextField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

interface OrgFormProps {
  /** The organization to edit; without it the form creates one. */
  readonly organization?: OrganizationView;
  readonly onSaved: (organization: OrganizationView) => void;
  readonly onCancel: () => void;
}

interface Values {
  name: string;
  slug: string;
  timeZone: string;
  allowedOrigins: string;
  color: string;
  logoUrl: string;
}

const fields = ['name', 'slug', 'timeZone', 'allowedOrigins', 'branding.color', 'branding.logoUrl'];

const valuesOf = (organization: OrganizationView | undefined): Values => ({
  name: organization?.name ?? '',
  slug: organization?.slug ?? '',
  timeZone: organization?.timeZone ?? browserTimeZone(),
  allowedOrigins: organization?.allowedOrigins.join('\n') ?? '',
  color: organization?.branding.color ?? defaultBranding.color,
  logoUrl: organization?.branding.logoUrl ?? '',
});

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Creates an organization, or edits one guarded by its version (a stale edit is refused with 409). */
export const OrgForm = ({ organization, onSaved, onCancel }: OrgFormProps) => {
  const editing = organization !== undefined;
  const [values, setValues] = useState<Values>(() => valuesOf(organization));
  const [version, setVersion] = useState(organization?.version ?? 0);
  const [slugTouched, setSlugTouched] = useState(editing);
  const [conflict, setConflict] = useState(false);
  const colorId = useId();
  const zones = useMemo(() => {
    const options = timeZoneOptions();
    return options.includes(values.timeZone) ? options : [values.timeZone, ...options];
  }, [values.timeZone]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => {
      const next = { ...current, [key]: value };
      if (key === 'name' && !slugTouched) next.slug = slugify(String(value));
      return next;
    });

  const candidate = () => ({
    name: values.name,
    slug: values.slug,
    timeZone: values.timeZone,
    allowedOrigins: lines(values.allowedOrigins),
    branding: { color: values.color, logoUrl: values.logoUrl.trim() || null },
  });

  const { errors, failure, busy, submit, reloadWith } = useFormSubmit<
    CreateOrganizationInput | UpdateOrganizationInput
  >({
    check: () => {
      setConflict(false);
      return editing
        ? validate(updateOrganizationInput, { version, ...candidate() })
        : validate(createOrganizationInput, candidate());
    },
    placeErrors: (found) => foldListErrors(found, ['allowedOrigins']),
    invalidTitle: 'Please correct the highlighted fields.',
    // The checked values are one of two schemas' outputs; parsing again tells TypeScript which.
    send: async () =>
      onSaved(
        organization
          ? await call(organizationRoutes.update, {
              params: { orgId: organization.id },
              body: updateOrganizationInput.parse({ version, ...candidate() }),
            })
          : await call(organizationRoutes.create, { body: createOrganizationInput.parse(candidate()) }),
      ),
    taken: { field: 'slug', message: 'This slug is already taken' },
    onVersionConflict: () => setConflict(true),
  });

  const reload = () =>
    reloadWith(async () => {
      if (!organization) return;
      const latest = await call(organizationRoutes.get, { params: { orgId: organization.id } });
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
      submitLabel={editing ? 'Save changes' : 'Create organization'}
      submitDisabled={conflict}
      className="form-grid"
    >
      <TextField label="Name" {...field('name')} autoComplete="organization" required />
      <TextField
        label="Slug"
        name="slug"
        hint="Lowercase letters, digits and dashes. Used in links and must be unique."
        value={values.slug}
        onChange={(event) => {
          setSlugTouched(true);
          set('slug', event.target.value);
        }}
        error={errors.slug}
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <SelectField
        label="Time zone"
        hint="Used for scheduling and for showing times to this organization."
        {...field('timeZone')}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Allowed origins"
        optional
        hint="Websites that may embed the lead form, one per line, such as https://example.com"
        rows={3}
        {...field('allowedOrigins')}
        spellCheck={false}
        className="form-grid__wide"
      />
      <div className="field-row form-grid__wide">
        <div className="field field--color">
          <label className="field__label" htmlFor={colorId}>
            Brand colour
          </label>
          <div className="color-input">
            <input
              id={colorId}
              type="color"
              value={/^#[0-9a-fA-F]{6}$/.test(values.color) ? values.color : defaultBranding.color}
              onChange={(event) => set('color', event.target.value)}
              aria-describedby={errors['branding.color'] ? `${colorId}-error` : undefined}
            />
            <TextField
              label="Brand colour as hex"
              className="field--bare"
              value={values.color}
              onChange={(event) => set('color', event.target.value)}
              spellCheck={false}
              maxLength={7}
            />
          </div>
          {errors['branding.color'] ? (
            <p className="field__error" id={`${colorId}-error`}>
              {errors['branding.color']}
            </p>
          ) : null}
        </div>
        <TextField
          label="Logo URL"
          type="url"
          optional
          placeholder="https://"
          {...field('logoUrl', 'branding.logoUrl')}
          spellCheck={false}
        />
      </div>
      <div className="form-grid__wide">
        {conflict ? (
          <VersionConflictAlert onReload={() => void reload()}>
            Someone else saved this organization after you opened it. Reload to see their changes, then make
            yours again.
          </VersionConflictAlert>
        ) : (
          <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, fields)} />
        )}
      </div>
    </DialogForm>
  );
};
