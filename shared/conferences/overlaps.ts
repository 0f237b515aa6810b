interface Timed {
  readonly id: string;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly room: string;
  readonly speakerIds: readonly string[];
}

export interface Overlap {
  readonly kind: 'speaker' | 'room';
  readonly subject: string;
  readonly itemIds: [string, string];
}

const overlapsWithin = <T extends Timed>(kind: Overlap['kind'], subject: string, items: T[]): Overlap[] => {
  const sorted = [...items].sort((a, b) => a.startUtc.localeCompare(b.startUtc));
  const found: Overlap[] = [];
  // Sweep by start: each item is compared only with those still running when it starts.
  const running: T[] = [];
  for (const item of sorted) {
    for (let i = running.length - 1; i >= 0; i--)
      if (running[i]!.endUtc <= item.startUtc) running.splice(i, 1);
    for (const other of running) found.push({ kind, subject, itemIds: [other.id, item.id] });
    running.push(item);
  }
  return found;
};

export const findOverlaps = (items: readonly Timed[]): Overlap[] => {
  const byRoom = new Map<string, Timed[]>();
  const bySpeaker = new Map<string, Timed[]>();
  for (const item of items) {
    const room = item.room.trim().toLowerCase();
    if (room) byRoom.set(room, [...(byRoom.get(room) ?? []), item]);
    for (const speakerId of item.speakerIds)
      bySpeaker.set(speakerId, [...(bySpeaker.get(speakerId) ?? []), item]);
  }
  return [
    ...[...bySpeaker].flatMap(([speakerId, group]) => overlapsWithin('speaker', speakerId, group)),
    ...[...byRoom].flatMap(([, group]) => overlapsWithin('room', group[0]!.room, group)),
  ];
};
