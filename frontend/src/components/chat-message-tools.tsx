import { type FormEvent, useState } from 'react';
import type { MessageView } from '../../../shared/chat/contracts';
import {
  moderationActions,
  moderationRoutes,
  type ReportReason,
  reportReasons,
} from '../../../shared/chat/moderation-contracts';
import { call, errorMessage } from '../lib/api';
import { type RealtimeClient, RealtimeError } from '../lib/realtime';
import { Dialog, DialogForm } from './dialog';
import { SelectField, TextAreaField } from './field';
import { FormAlert } from './form-alert';

const reasonLabels: Record<ReportReason, string> = {
  spam: 'Spam',
  harassment: 'Harassment',
  hate: 'Hate speech',
  'off-topic': 'Off topic',
  other: 'Something else',
};

interface Props {
  readonly client: RealtimeClient;
  readonly orgId: string;
  readonly roomId: string;
  readonly message: MessageView;
  /** The room's event; reports and removals exist only for rooms of an event. */
  readonly conferenceId: string;
  /** The event's organizers remove anyone's message. */
  readonly canRemove: boolean;
}

/** What a person does with someone else's message in an event's room: report it; organizers remove it. */
export const ChatMessageTools = ({ client, orgId, roomId, message, conferenceId, canRemove }: Props) => {
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [reported, setReported] = useState(false);

  const report = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await client.request(moderationActions.report, { orgId, roomId, messageId: message.id, reason, note });
      setReported(true);
      setReporting(false);
    } catch (caught) {
      setProblem(caught instanceof RealtimeError ? caught.message : errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setProblem(null);
    try {
      await call(moderationRoutes.deleteMessage, {
        params: { orgId, conferenceId, roomId, messageId: message.id },
      });
    } catch (caught) {
      setProblem(errorMessage(caught));
    }
  };

  return (
    <div className="chat__actions">
      {reported ? (
        <span role="status">Reported to the organizers</span>
      ) : (
        <button type="button" className="button button--ghost" onClick={() => setReporting(true)}>
          Report
        </button>
      )}
      {canRemove ? (
        <button type="button" className="button button--ghost" onClick={() => void remove()}>
          Remove
        </button>
      ) : null}
      {problem && !reporting ? <p role="alert">{problem}</p> : null}
      <Dialog
        open={reporting}
        title="Report message"
        description={`From ${message.authorName}: the event's organizers will see it with your reason.`}
        onClose={() => setReporting(false)}
        size="small"
      >
        <DialogForm
          onSubmit={report}
          onCancel={() => setReporting(false)}
          busy={busy}
          busyLabel="Reporting…"
          submitLabel="Send report"
          className="form-grid"
        >
          <SelectField
            label="Reason"
            name="reason"
            value={reason}
            onChange={(event) => setReason(event.target.value as ReportReason)}
          >
            {reportReasons.map((value) => (
              <option key={value} value={value}>
                {reasonLabels[value]}
              </option>
            ))}
          </SelectField>
          <TextAreaField
            label="Note"
            name="note"
            optional
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
          />
          <FormAlert title={problem ?? undefined} />
        </DialogForm>
      </Dialog>
    </div>
  );
};
