import { useState } from 'react';
import {
  completeUploadInput,
  type EngagementView,
  maxUploadBytes,
} from '../../../shared/engagements/contracts';
import { ApiError, errorMessage } from '../lib/api';
import type { ChecklistUpload } from '../lib/checklist';
import { StorageRefusedError, uploadChecklistFile } from '../lib/checklist-upload';
import { validate } from '../lib/form';
import { conflictMessage } from '../lib/use-engagement';
import { useFormSubmit } from '../lib/use-form-submit';
import { ChecklistFileField } from './checklist-file-field';
import { DialogForm } from './dialog';
import { FormAlert } from './form-alert';

interface ReplaceChecklistFormProps {
  readonly engagement: EngagementView;
  readonly onSaved: (engagement: EngagementView) => void;
  readonly onCancel: () => void;
  /** Fetches the latest engagement after someone else changed it. */
  readonly onReload: () => Promise<EngagementView | null>;
}

/**
 * Uploads a checklist file (up to 5 MB, straight to storage) as the next version; the earlier ones stay
 * in the history.
 */
export const ReplaceChecklistForm = ({
  engagement,
  onSaved,
  onCancel,
  onReload,
}: ReplaceChecklistFormProps) => {
  const [upload, setUpload] = useState<ChecklistUpload | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [reloaded, setReloaded] = useState(false);

  const { errors, failure, busy, submit, setErrors } = useFormSubmit({
    check: () => {
      setReloaded(false);
      if (fileProblem) return { ok: false, errors: { content: fileProblem } };
      if (!upload) return { ok: false, errors: { content: 'Choose the checklist file to upload' } };
      return validate(completeUploadInput, { version: engagement.version });
    },
    send: async () => onSaved(await uploadChecklistFile(engagement, upload!.file)),
    failureTitle: (caught, fieldErrors) => {
      if (caught instanceof StorageRefusedError) return caught.message;
      return upload &&
        caught instanceof ApiError &&
        caught.status === 400 &&
        Object.keys(fieldErrors).length === 0
        ? `${upload.name} cannot be used: ${errorMessage(caught)}`
        : errorMessage(caught);
    },
    // The file is still what the admin wants; once the page shows the latest version, it can replace that.
    onVersionConflict: () => {
      void onReload().then(() => setReloaded(true));
    },
  });

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Uploading…"
      submitLabel="Upload new version"
      className="form-grid form-grid--single"
    >
      <p className="note">
        The file replaces the checklist for everyone, as version {engagement.version + 1}. Version{' '}
        {engagement.version} and every earlier one stay in the history.
      </p>
      <ChecklistFileField
        label="Checklist file"
        hint="Markdown up to 5 MB with tasks such as “* [ ] Send the proposal”; its headings become the phases."
        upload={upload}
        maxBytes={maxUploadBytes}
        error={errors.content ?? fileProblem ?? undefined}
        onChange={(next, problem) => {
          setUpload(next);
          setFileProblem(problem);
          setErrors(({ content: _content, ...others }) => others);
        }}
      />
      {reloaded ? (
        <div className="alert alert--warning" role="alert">
          <p className="alert__title">{conflictMessage}</p>
          <p>Check the latest version, then upload again to replace it.</p>
        </div>
      ) : (
        <FormAlert title={failure ?? undefined} />
      )}
    </DialogForm>
  );
};
