import type { AgendaItemView, AgendaView } from '../../../shared/conferences/contracts';
import type { AgendaFrame } from '../../../shared/conferences/live-contracts';
import { findOverlaps } from '../../../shared/conferences/overlaps';

/** What the live channel said about sessions since the page loaded its agenda. */
export interface AgendaChanges {
  /** The newest version a frame brought of each session, by id. */
  readonly items: ReadonlyMap<string, AgendaItemView>;
  /** Sessions a frame said are gone: ids are never reused, so nothing about them arriving later counts. */
  readonly deleted: ReadonlySet<string>;
}

export const noAgendaChanges: AgendaChanges = { items: new Map(), deleted: new Set() };

/**
 * Takes one `conference.agenda` frame in. Frames may arrive out of order (each shard's job is posted on
 * its own), so an item no newer than the one already kept changes nothing, and a removal is final.
 */
export const applyAgendaFrame = (changes: AgendaChanges, frame: AgendaFrame): AgendaChanges => {
  if (frame.change === 'deleted') {
    if (changes.deleted.has(frame.itemId)) return changes;
    const items = new Map(changes.items);
    items.delete(frame.itemId);
    return { items, deleted: new Set(changes.deleted).add(frame.itemId) };
  }
  const { item } = frame;
  const kept = changes.items.get(item.id);
  if (changes.deleted.has(item.id) || (kept && kept.version >= item.version)) return changes;
  return { items: new Map(changes.items).set(item.id, item), deleted: changes.deleted };
};

/**
 * The loaded agenda with the live changes on top: an item the page loaded stays unless a frame brought a
 * newer version of it (a reload after a reconnect may well be newer than a frame) or removed it; a new
 * session joins at the end, as the agenda route lists by creation. Overlaps are worked out again the way
 * the route works them out.
 */
export const withAgendaChanges = (agenda: AgendaView, changes: AgendaChanges): AgendaView => {
  if (!changes.items.size && !changes.deleted.size) return agenda;
  const loaded = new Set(agenda.items.map((item) => item.id));
  const items = agenda.items
    .filter((item) => !changes.deleted.has(item.id))
    .map((item) => {
      const changed = changes.items.get(item.id);
      return changed && changed.version > item.version ? changed : item;
    });
  for (const item of changes.items.values()) if (!loaded.has(item.id)) items.push(item);
  const ids = new Set(items.map((item) => item.id));
  return {
    ...agenda,
    items,
    overlaps: findOverlaps(items),
    savedItemIds: agenda.savedItemIds.filter((id) => ids.has(id)),
  };
};

/**
 * Whether the page should read the agenda again rather than apply the frame alone: a session naming a
 * speaker the page has never loaded (the frame carries no speakers, so the page fetches them the way it
 * is allowed to see them).
 */
export const needsSpeakers = (agenda: AgendaView, frame: AgendaFrame): boolean => {
  if (frame.change === 'deleted') return false;
  const known = new Set(agenda.speakers.map((speaker) => speaker.id));
  return frame.item.speakerIds.some((speakerId) => !known.has(speakerId));
};
