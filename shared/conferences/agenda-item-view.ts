import { id } from '../http/contracts';
import * as z from '../schema/zod';
import { streamProviders } from './stream';

/**
 * A session as its agenda shows it, on its own so the live channel's frames (and the domain event that
 * carries them to every function's fan-out) need not build the rest of the conference contracts.
 */

export const streamStates = ['scheduled', 'live', 'ended', 'recording'] as const;
export const streamState = z.enum(streamStates);
export type StreamState = z.infer<typeof streamState>;

export const streamView = z.object({
  provider: z.enum(streamProviders),
  embedUrl: z.nullable(z.string()),
  joinUrl: z.string(),
});

export const agendaItemView = z.object({
  id,
  title: z.string(),
  start: z.string(),
  end: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  track: z.string(),
  room: z.string(),
  speakerIds: z.array(id),
  stream: z.nullable(streamView),
  recordingUrl: z.nullable(z.string()),
  state: streamState,
  version: z.number().check(z.int()),
  /** Set when a wall time fell in the fall-back hour: which of the two times was taken. */
  notes: z.array(z.string()),
});
export type AgendaItemView = z.infer<typeof agendaItemView>;
