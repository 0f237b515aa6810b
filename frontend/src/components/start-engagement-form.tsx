import { useState } from 'react';
import {
  createEngagementInput,
  type EngagementView,
  engagementRoutes,
} from '../../../shared/engagements/contracts';
import { ApiError, call, errorMessage } from '../lib/api';
import type { ChecklistUpload } from '../lib/checklist';
import { unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { BusyButton } from './busy-button';
import { ChecklistFileField } from './checklist-file-field';
import { ClientTicksField } from './client-ticks-field';
import { TextField } from './field';
import { FormAlert } from './form-alert';

interface StartEngagementFormProps {
  readonly orgId: string;
  readonly onStarted: (engagement: EngagementView) => void;
}

/** Starts an organization's engagement from the five-phase template, or from an uploaded checklist. */
export const StartEngagementForm = ({ orgId, onStarted }: StartEngagementFormProps) => {
  const [projectName, setProjectName] = useState('');
  const [clientCanEditTasks, setClientCanEditTasks] = useState(true);
  const [upload, setUpload] = useState<ChecklistUpload | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const { errors, failure, busy, submit, setErrors } = useFormSubmit({
    check: () => {
      if (fileProblem) return { ok: false, errors: { content: fileProblem } };
      return validate(createEngagementInput, { projectName, clientCanEditTasks, content: upload?.content });
    },
    invalidTitle: (invalid) => (invalid.projectName ? 'Please name the project.' : 'Please check the file.'),
    send: async (data) => onStarted(await call(engagementRoutes.create, { params: { orgId }, body: data })),
    // The API names a checklist it cannot use in its message, not per field.
    failureTitle: (caught, fieldErrors) =>
      upload && caught instanceof ApiError && caught.status === 400 && Object.keys(fieldErrors).length === 0
        ? `${upload.name} cannot be used: ${errorMessage(caught)}`
        : errorMessage(caught),
  });

  return (
    <form className="form start-engagement" onSubmit={(event) => void submit(event)} noValidate>
      <p>
        This organization has no engagement yet. Start one from the five-phase template, or upload a checklist
        of your own.
      </p>
      <div className="form-grid">
        <TextField
          label="Project name"
          name="projectName"
          required
          maxLength={80}
          placeholder="e.g. Spring launch"
          value={projectName}
          onChange={(event) => setProjectName(event.target.value)}
          error={errors.projectName}
        />
        <ChecklistFileField
          label="Checklist file"
          optional
          hint="Markdown with headings such as “## Phase 1: Kickoff”. Without a file, the template is used."
          upload={upload}
          error={errors.content ?? fileProblem ?? undefined}
          onChange={(next, problem) => {
            setUpload(next);
            setFileProblem(problem);
            setErrors(({ content: _content, ...others }) => others);
          }}
        />
        <ClientTicksField
          className="form-grid__wide"
          checked={clientCanEditTasks}
          onChange={setClientCanEditTasks}
        />
      </div>
      <FormAlert
        title={failure ?? undefined}
        messages={unplacedErrors(errors, ['projectName', 'content', 'clientCanEditTasks'])}
      />
      <div className="form__buttons form__buttons--start">
        <BusyButton type="submit" className="button button--primary" busy={busy} busyLabel="Starting…">
          Start engagement
        </BusyButton>
      </div>
    </form>
  );
};
