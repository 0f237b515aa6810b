import type { FormEvent, ReactNode } from 'react';
import { maxMessageCharacters } from '../../../shared/chat/contracts';

interface MessageComposerProps {
  /** The text box's label ("Message", "Message to Ada Lovelace"). */
  readonly label: string;
  readonly text: string;
  readonly onText: (text: string) => void;
  readonly onSubmit: (event: FormEvent) => void;
  /** The socket is not open: nothing can be sent. */
  readonly offline: boolean;
  /** @default 'Send' */
  readonly submitLabel?: string;
  /** Why the last message was refused, if it was. */
  readonly problem: string | null;
  /** More buttons after the send button, such as cancelling an edit. */
  readonly children?: ReactNode;
}

/** The box a chat room and a direct-message thread write in: the text, its length against the limit, Send. */
export const MessageComposer = ({
  label,
  text,
  onText,
  onSubmit,
  offline,
  submitLabel = 'Send',
  problem,
  children,
}: MessageComposerProps) => (
  <form className="chat__composer" onSubmit={onSubmit}>
    <label className="field">
      <span className="field__label">{label}</span>
      <textarea
        className="input input--multiline"
        value={text}
        rows={2}
        onChange={(event) => onText(event.target.value)}
      />
    </label>
    <span className="chat__count">
      {[...text].length} / {maxMessageCharacters}
    </span>
    <button type="submit" className="button button--primary" disabled={!text.trim() || offline}>
      {submitLabel}
    </button>
    {children}
    {problem ? <p role="alert">{problem}</p> : null}
  </form>
);
