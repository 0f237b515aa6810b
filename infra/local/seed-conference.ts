import type { Principal } from '../../shared/auth/policy';

const zone = 'Europe/Berlin';

const speakers = [
  {
    name: 'Amara Okafor',
    title: 'Head of Community',
    company: 'Lumen Labs',
    bio: 'Builds communities that outlast the event.',
  },
  {
    name: 'Kenji Sato',
    title: 'Principal Engineer',
    company: 'Tideway',
    bio: 'Streams live events to a million viewers.',
  },
  {
    name: 'Lena Fischer',
    title: 'Event Director',
    company: 'Northwind Events',
    bio: 'Has run 120 conferences on four continents.',
  },
  {
    name: 'Diego Ramos',
    title: 'Designer',
    company: 'Studio Ramos',
    bio: 'Designs hybrid venues people enjoy.',
  },
] as const;

/** Day two, two tracks: [start, end, title, track, room, speaker indexes]. */
const dayTwo = [
  ['09:00', '09:45', 'Opening keynote: events people remember', 'Main', 'Hall A', [2]],
  ['10:00', '10:45', 'Hybrid without the hassle', 'Main', 'Hall A', [3]],
  ['10:00', '10:45', 'Running a stream for a million viewers', 'Tech', 'Room 2', [1]],
  ['11:00', '11:45', 'Communities between the events', 'Main', 'Hall A', [0]],
  ['11:00', '11:45', 'Latency budgets for live video', 'Tech', 'Room 2', [1]],
  ['13:00', '13:45', 'Designing rooms for conversation', 'Main', 'Hall A', [3, 0]],
  ['13:00', '13:45', 'Check-in at scale', 'Tech', 'Room 2', []],
  ['14:00', '14:45', 'Sponsors people want to meet', 'Main', 'Hall A', [2]],
  ['14:00', '14:45', 'Accessible streams: captions and more', 'Tech', 'Room 2', [1, 3]],
  ['15:30', '16:15', 'Closing panel', 'Main', 'Hall A', [0, 1, 2, 3]],
] as const;

/** Sponsors by tier: [tier, size, [name, description, website]]. */
const sponsorTiers = [
  [
    'Platinum',
    'large',
    [['Lumen Labs', 'Community platforms for events that last.', 'https://lumen.example.com']],
  ],
  [
    'Gold',
    'medium',
    [
      ['Tideway', 'Live video at any scale.', 'https://tideway.example.com'],
      ['Studio Ramos', 'Hybrid venues people enjoy.', 'https://ramos.example.com'],
    ],
  ],
  [
    'Community',
    'small',
    [
      ['Berlin Event Makers', 'The city’s meetup for organizers.', 'https://makers.example.org'],
      ['Open Captions', 'Free captioning for community events.', 'https://captions.example.org'],
      ['Kaffee & Co', 'The coffee between the sessions.', 'https://kaffee.example.com'],
    ],
  ],
] as const;

const firstNames = ['Anna', 'Ben', 'Chloé', 'Dev', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas'];
const lastNames = [
  'Berg',
  'Costa',
  'Dubois',
  'Engel',
  'Fuchs',
  'García',
  'Haas',
  'Ivanova',
  'Jensen',
  'Klein',
];
const groups = ['Organizers', 'Press', 'Partners', null] as const;
/** A few hundred attendees of the demo event, invited by email (the local outbox shows their invitations). */
export const demoAttendeeCount = 200;

const streams = [
  'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  'https://vimeo.com/76979871',
  'https://us02web.zoom.us/j/85012345678',
];

/**
 * Northwind's demo event: today and tomorrow in Berlin, two tracks, a dozen sessions and four speakers. The
 * first session starts three minutes after seeding, so the per-minute tick takes its stream live at once
 * (it goes live five minutes before its start) whatever day the demo is started on.
 */
export const seedConference = async (admin: Principal, orgId: string) => {
  const { createConference } = await import('../../shared/conferences/service');
  const { createSpeaker } = await import('../../shared/conferences/speakers');
  const { createAgendaItem } = await import('../../shared/conferences/agenda');
  const { wallTimeOf } = await import('../../shared/conferences/wall-time');
  const { normalizeStreamUrl } = await import('../../shared/conferences/stream');

  const now = Date.now();
  const liveStart = Math.floor((now + 3 * 60_000) / 60_000) * 60_000;
  const today = wallTimeOf(now, zone).slice(0, 10);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const conference = await createConference(admin, orgId, {
    name: 'Northwind Summit',
    description: 'Two days on making events people remember: keynotes, deep dives and a closing panel.',
    startDate: today,
    endDate: tomorrow,
    timeZone: zone,
    venue: {
      kind: 'in-person',
      name: 'Kongresshalle am Alexanderplatz',
      address: 'Alexanderstraße 11, Berlin',
    },
    branding: { primaryColor: '#0b7285', accentColor: '#f08c00' },
    privacy: 'public',
    features: { networking: true, chat: true },
    registrationFields: [
      { key: 'company', type: 'text', label: 'Company', required: false },
      {
        key: 'diet',
        type: 'select',
        label: 'Lunch',
        required: true,
        options: ['Any', 'Vegetarian', 'Vegan'],
      },
    ],
    liveLeadMinutes: 5,
  });
  const speakerIds: string[] = [];
  for (const speaker of speakers)
    speakerIds.push(
      (
        await createSpeaker(admin, orgId, conference.id, {
          ...speaker,
          links: [],
          email: `${speaker.name.split(' ')[0]!.toLowerCase()}@speakers.example`,
          phone: null,
          invite: false,
        })
      ).id,
    );
  const add = (
    start: string,
    end: string,
    title: string,
    track: string,
    room: string,
    people: readonly number[],
    stream: string | null,
  ) =>
    createAgendaItem(admin, orgId, conference.id, {
      title,
      description: `${title}. Questions welcome at the end.`,
      start,
      end,
      track,
      room,
      speakerIds: people.map((index) => speakerIds[index]!),
      stream: stream ? normalizeStreamUrl(stream) : null,
    });
  await add(
    wallTimeOf(liveStart, zone),
    wallTimeOf(liveStart + 45 * 60_000, zone),
    'Welcome and live warm-up',
    'Main',
    'Hall A',
    [2],
    streams[0]!,
  );
  await add(
    wallTimeOf(liveStart + 60 * 60_000, zone),
    wallTimeOf(liveStart + 105 * 60_000, zone),
    'Behind the scenes: the Tech track',
    'Tech',
    'Room 2',
    [1],
    streams[1]!,
  );
  for (const [index, [start, end, title, track, room, people]] of dayTwo.entries())
    await add(
      `${tomorrow}T${start}`,
      `${tomorrow}T${end}`,
      title,
      track,
      room,
      people,
      streams[index % streams.length]!,
    );

  const { saveTiers, createSponsor } = await import('../../shared/conferences/sponsors');
  const { upsertAttendeesByEmail, upsertBatchSize } = await import('../../shared/conferences/attendees');
  const showcase = await saveTiers(orgId, conference.id, {
    version: 0,
    tiers: sponsorTiers.map(([name, size]) => ({ name, size })),
  });
  for (const [index, [, , sponsors]] of sponsorTiers.entries())
    for (const [rank, [name, description, website]] of sponsors.entries())
      await createSponsor(orgId, conference.id, {
        name,
        description,
        tierId: showcase.tiers[index]!.id,
        logoUrl: null,
        links: [{ label: 'Website', url: website }],
        contact: null,
        representativeIds: [],
        rank,
      });

  const rows = Array.from({ length: demoAttendeeCount }, (_, index) => {
    const name = `${firstNames[index % firstNames.length]} ${lastNames[Math.floor(index / firstNames.length) % lastNames.length]}`;
    return {
      email: `attendee-${String(index + 1).padStart(3, '0')}@northwind-guests.example`,
      name: index >= 100 ? `${name} ${Math.floor(index / 100) + 1}` : name,
      group: groups[index % groups.length]!,
      networking: index % 10 === 9 ? ('none' as const) : ('all' as const),
    };
  });
  for (let start = 0; start < rows.length; start += upsertBatchSize)
    await upsertAttendeesByEmail(admin, orgId, conference.id, rows.slice(start, start + upsertBatchSize));
  return conference;
};
