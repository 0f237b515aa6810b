import { useCallback, useId, useState } from 'react';
import { addNoteInput, engagementRoutes, type noteView } from '../../../shared/engagements/contracts';
import type * as z from '../../../shared/schema/zod';
import { call } from '../lib/api';
import { validate } from '../lib/form';
import { formatDateTime, formatRelative } from '../lib/format';
import { useFormSubmit } from '../lib/use-form-submit';
import { type FetchPage, usePagedList } from '../lib/use-paged-list';
import { BusyButton } from './busy-button';
import { TextAreaField } from './field';
import { FormAlert } from './form-alert';
import { CompactPagedList } from './list-states';

type Note = z.infer<typeof noteView>;

const noteMax = 2000;

interface EngagementNotesProps {
  readonly orgId: string;
  readonly engagementId: string;
}

/** Notes on the engagement, newest first, and a form to add one. Client users and the agency both write. */
export const EngagementNotes = ({ orgId, engagementId }: EngagementNotesProps) => {
  const headingId = useId();
  const [text, setText] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const fetchPage = useCallback<FetchPage<Note>>(
    (cursor, signal) =>
      call(engagementRoutes.notes, { params: { orgId, engagementId }, query: { cursor, limit: 10 }, signal }),
    [orgId, engagementId],
  );
  const list = usePagedList(fetchPage);

  const { errors, failure, busy, submit } = useFormSubmit({
    check: () => validate(addNoteInput, { text }),
    send: async (data) => {
      const note = await call(engagementRoutes.addNote, { params: { orgId, engagementId }, body: data });
      list.prepend(note);
      setText('');
      setAnnouncement('Your note is added.');
    },
  });

  return (
    <section className="engagement-notes" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        Notes
      </h3>
      <form className="form form--compact" onSubmit={(event) => void submit(event)} noValidate>
        <TextAreaField
          label="Add a note"
          hint="Questions, decisions, links: everyone working on this engagement sees it."
          rows={3}
          maxLength={noteMax}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setAnnouncement('');
          }}
          error={errors.text}
        />
        <FormAlert title={failure ?? undefined} />
        <div className="form__buttons form__buttons--start">
          <BusyButton type="submit" className="button button--secondary" busy={busy} busyLabel="Adding…">
            Add note
          </BusyButton>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </form>
      <CompactPagedList
        list={list}
        loadingLabel="Loading notes…"
        emptyText="No notes yet."
        moreLabel="Show older notes"
      >
        <ol className="notes" aria-label="Notes, newest first">
          {list.items.map((note) => (
            <li key={note.id} className="notes__item">
              <p className="notes__text">{note.text}</p>
              <p className="notes__meta">
                {note.author} ·{' '}
                <time dateTime={note.at} title={formatDateTime(note.at)}>
                  {formatRelative(note.at)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      </CompactPagedList>
    </section>
  );
};
