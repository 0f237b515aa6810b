import type { Principal } from '../shared/auth/policy';
import { recordRoundTrips } from '../test/round-trip-recorder';
import { inChild, isBenchProcess, reportToParent } from './child';

/** DESIGN.md's goal for the event platform: an agenda of 500 sessions read in at most 2 DynamoDB round trips. */
export const agendaBudgets = { sessions: 500, speakers: 60, roundTrips: 2 } as const;

export interface AgendaBenchResult {
  readonly sessions: number;
  readonly speakers: number;
  readonly reads: number;
  /** Per read of `GET …/agenda` through the local gateway; side-by-side commands share one round trip. */
  readonly roundTrips: { readonly min: number; readonly max: number };
  /** The commands of one read, round trip by round trip. */
  readonly commands: readonly string[];
  readonly responseBytes: number;
  readonly medianMs: number;
  readonly withinBudget: boolean;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Seeds one conference with 500 sessions over three days and four tracks (with titles, rooms, speakers
 * and stream links of a realistic size), then reads its agenda through the real route and counts the
 * DynamoDB round trips of each read: the user and role (authentication), then the conference partition's
 * Query beside the caller's saved sessions.
 */
export const benchAgenda = async (reads = 10): Promise<AgendaBenchResult> => {
  const { startLocalCloud } = await import('../infra/local/cloud');
  const { seedDemo } = await import('../infra/local/seed');
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  // Imported once the local cloud has set the configuration these modules read when they load.
  const { dynamo } = await import('../shared/aws/dynamo');
  const { createAgendaItem } = await import('../shared/conferences/agenda');
  const { createSpeaker } = await import('../shared/conferences/speakers');
  const { createConference } = await import('../shared/conferences/service');
  const { createAgendaItemInput, createConferenceInput, createSpeakerInput } = await import(
    '../shared/conferences/contracts'
  );
  const recorder = recordRoundTrips(dynamo);
  try {
    const owner = (await seedDemo(undefined)).find(
      (signIn) => signIn.role === 'owner' && signIn.orgSlug === 'northwind-events',
    )!;
    const signedIn = await fetch(`${cloud.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    if (signedIn.status !== 200) throw new Error(`Sign-in failed: ${signedIn.status}`);
    const session = (await signedIn.json()) as {
      accessToken: string;
      user: { id: string; name: string; email: string; orgId: string };
    };
    const principal: Principal = { ...session.user, userId: session.user.id, role: 'owner' };
    const orgId = session.user.orgId;
    const conference = await createConference(
      principal,
      orgId,
      createConferenceInput.parse({
        name: 'Bench Summit',
        startDate: '2027-09-14',
        endDate: '2027-09-16',
        timeZone: 'Europe/Berlin',
        privacy: 'public',
      }),
    );
    const speakerIds: string[] = [];
    for (let i = 0; i < agendaBudgets.speakers; i++) {
      const speaker = await createSpeaker(
        principal,
        orgId,
        conference.id,
        createSpeakerInput.parse({
          name: `Speaker Number ${i}`,
          title: 'Principal Engineer',
          company: 'Example Systems',
          bio: 'Builds distributed systems and talks about them at conferences around the world.',
        }),
      );
      speakerIds.push(speaker.id);
    }
    let next = 0;
    const tracks = ['Main stage', 'Workshops', 'Deep dives', 'Community'];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < agendaBudgets.sessions) {
          const i = next++;
          const day = `2027-09-${14 + (i % 3)}`;
          const minute = 8 * 60 + (Math.floor(i / 12) % 40) * 15;
          const clock = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          await createAgendaItem(
            principal,
            orgId,
            conference.id,
            createAgendaItemInput.parse({
              title: `Session ${i}: building resilient event-driven systems at scale`,
              description: 'A longer description that lives apart from the agenda read.',
              start: `${day}T${clock(minute)}`,
              end: `${day}T${clock(minute + 45)}`,
              track: tracks[i % tracks.length],
              room: `Room ${(i % 12) + 1}`,
              speakerIds: [speakerIds[i % speakerIds.length], speakerIds[(i * 7 + 3) % speakerIds.length]],
              stream: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
            }),
          );
        }
      }),
    );

    const path = `/api/orgs/${orgId}/conferences/${conference.id}/agenda`;
    const perRead: string[][][] = [];
    const times: number[] = [];
    let responseBytes = 0;
    for (let read = 0; read < reads; read++) {
      // The seed's events (rooms for every new session, …) are consumed first: their commands are not the read's.
      await cloud.bus.settled();
      recorder.reset();
      const started = performance.now();
      const response = await fetch(`${cloud.url}${path}`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      const text = await response.text();
      times.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 200)}`);
      const items = (JSON.parse(text) as { items: unknown[] }).items.length;
      if (items !== agendaBudgets.sessions) throw new Error(`The agenda returned ${items} sessions`);
      responseBytes = text.length;
      perRead.push(recorder.trips().map((trip) => trip.map((sent) => sent.command)));
    }
    const counts = perRead.map((read) => read.length);
    return {
      sessions: agendaBudgets.sessions,
      speakers: agendaBudgets.speakers,
      reads,
      roundTrips: { min: Math.min(...counts), max: Math.max(...counts) },
      commands: perRead[0]!.map((trip) => trip.join(' ‖ ')),
      responseBytes,
      medianMs: median(times),
      withinBudget: Math.max(...counts) <= agendaBudgets.roundTrips,
    };
  } finally {
    recorder.stop();
    await cloud.stop();
  }
};

/** In a process of its own (`bench/child.ts`). */
export const benchAgendaInChild = () => inChild<AgendaBenchResult>(import.meta.url);

if (isBenchProcess(import.meta.url)) await reportToParent(benchAgenda);
