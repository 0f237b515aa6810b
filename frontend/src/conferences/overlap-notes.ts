import type { AgendaView } from '../../../shared/conferences/contracts';

/**
 * What each session's overlaps mean, in words, by session id: "Ada Lovelace also speaks in Keynote",
 * "Room A is taken by Keynote". The agenda flags overlaps; it does not refuse them.
 */
export const overlapNotes = (agenda: Pick<AgendaView, 'items' | 'speakers' | 'overlaps'>) => {
  const titles = new Map(agenda.items.map((item) => [item.id, item.title]));
  const names = new Map(agenda.speakers.map((speaker) => [speaker.id, speaker.name]));
  const notes = new Map<string, string[]>();
  for (const overlap of agenda.overlaps) {
    const [a, b] = overlap.itemIds;
    for (const [self, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const otherTitle = titles.get(other) ?? 'another session';
      const note =
        overlap.kind === 'speaker'
          ? `${names.get(overlap.subject) ?? 'A speaker'} also speaks in ${otherTitle}`
          : `${overlap.subject} is taken by ${otherTitle}`;
      notes.set(self, [...(notes.get(self) ?? []), note]);
    }
  }
  return notes;
};
