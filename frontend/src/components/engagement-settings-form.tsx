import { useState } from 'react';
import {
  type EngagementView,
  engagementRoutes,
  updateEngagementInput,
} from '../../../shared/engagements/contracts';
import { call } from '../lib/api';
import { unplacedErrors, validate } from '../lib/form';
import { useFormSubmit } from '../lib/use-form-submit';
import { ClientTicksField } from './client-ticks-field';
import { DialogForm } from './dialog';
import { TextField } from './field';
import { FormAlert } from './form-alert';
import { VersionConflictAlert } from './version-conflict-alert';

interface EngagementSettingsFormProps {
  readonly engagement: EngagementView;
  readonly onSaved: (engagement: EngagementView) => void;
  readonly onCancel: () => void;
  /** Fetches the latest engagement after someone else changed it. */
  readonly onReload: () => Promise<EngagementView | null>;
}

/** Renames the project and allows or stops clients ticking tasks; version-checked like every change. */
export const EngagementSettingsForm = ({
  engagement,
  onSaved,
  onCancel,
  onReload,
}: EngagementSettingsFormProps) => {
  const [projectName, setProjectName] = useState(engagement.projectName);
  const [clientCanEditTasks, setClientCanEditTasks] = useState(engagement.clientCanEditTasks);
  const [conflict, setConflict] = useState(false);

  const { errors, failure, busy, submit, setBusy } = useFormSubmit({
    check: () => {
      setConflict(false);
      const changes = {
        ...(projectName.trim() !== engagement.projectName ? { projectName } : {}),
        ...(clientCanEditTasks !== engagement.clientCanEditTasks ? { clientCanEditTasks } : {}),
      };
      if (Object.keys(changes).length > 0)
        return validate(updateEngagementInput, { version: engagement.version, ...changes });
      onCancel();
      return null;
    },
    send: async (data) =>
      onSaved(
        await call(engagementRoutes.update, {
          params: { orgId: engagement.orgId, engagementId: engagement.id },
          body: data,
        }),
      ),
    onVersionConflict: () => setConflict(true),
  });

  const reload = async () => {
    setBusy(true);
    const latest = await onReload();
    setBusy(false);
    if (!latest) return;
    setProjectName(latest.projectName);
    setClientCanEditTasks(latest.clientCanEditTasks);
    setConflict(false);
  };

  return (
    <DialogForm
      onSubmit={submit}
      onCancel={onCancel}
      busy={busy}
      busyLabel="Saving…"
      submitLabel="Save settings"
      submitDisabled={conflict}
      className="form-grid form-grid--single"
    >
      <TextField
        label="Project name"
        name="projectName"
        required
        maxLength={80}
        value={projectName}
        onChange={(event) => setProjectName(event.target.value)}
        error={errors.projectName}
      />
      <ClientTicksField checked={clientCanEditTasks} onChange={setClientCanEditTasks} />
      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()}>
          Someone else changed this engagement after you opened the settings. Reload to see the latest
          version.
        </VersionConflictAlert>
      ) : (
        <FormAlert
          title={failure ?? undefined}
          messages={unplacedErrors(errors, ['projectName', 'clientCanEditTasks'])}
        />
      )}
    </DialogForm>
  );
};
