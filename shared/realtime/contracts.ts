import * as z from '../schema/zod';

/**
 * The WebSocket protocol, as data: every client action and every server frame has a zod schema, shared by
 * the handlers, the manifest (its `wsRoutes` come from here) and the dashboard's client.
 *
 * A client frame is `{ action, v, id?, ...payload }`. `id` is the client's own reference; the server
 * answers every frame with an `ack` or an `error` frame carrying it as `ref`, never with silence.
 */

/** A client's reference for one frame: short, printable, echoed as `ref`. */
export const clientRef = z.string().check(z.regex(/^[\w.:-]{1,64}$/, 'At most 64 letters, digits, _ . : -'));

export interface ActionDefinition<
  A extends string = string,
  S extends z.ZodMiniType = z.ZodMiniType,
  R extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> {
  /** The route key API Gateway selects on (`$request.body.action`). */
  readonly action: A;
  readonly summary: string;
  /** The whole frame, `action`, `v` and `id` included; unknown fields are refused. */
  readonly schema: S;
  /** What the `ack` frame's `data` holds. */
  readonly result?: R;
}

/** One client action of version 1; a later version would add a `v: 2` schema beside it. */
export const defineAction = <
  const A extends string,
  P extends z.core.$ZodShape,
  R extends z.ZodMiniType | undefined,
>(
  action: A,
  summary: string,
  payload: P,
  result?: R,
) => ({
  action,
  summary,
  schema: z.strictObject({
    action: z.literal(action),
    v: z.literal(1),
    id: z.optional(clientRef),
    ...payload,
  }),
  result: result as R,
});

export type FrameOf<D extends ActionDefinition> = z.infer<D['schema']>;
/** A frame as a client writes it: defaults may be left out. */
export type FrameInputOf<D extends ActionDefinition> = z.input<D['schema']>;
export type ResultOf<D extends ActionDefinition> = D['result'] extends z.ZodMiniType
  ? z.infer<D['result']>
  : undefined;

export const presenceStatuses = ['online', 'away'] as const;
export const presenceStatus = z.enum(presenceStatuses);
export type PresenceStatus = z.infer<typeof presenceStatus>;

/** How often a client heartbeats; a connection silent for about two intervals counts offline. */
export const heartbeatIntervalSeconds = 30;

/** Online connections per room the caller is in, counted over the last whole heartbeat interval. */
export const onlineCounts = z.record(z.string(), z.number().check(z.int(), z.nonnegative()));

/** Actions of the connection itself: liveness and presence. */
export const realtimeActions = {
  ping: defineAction(
    'ping',
    'Liveness check; the ack carries the server time',
    {},
    z.object({ at: z.string() }),
  ),
  heartbeat: defineAction(
    'presence.heartbeat',
    'Every 30 s: keeps the connection and its presence alive; answers the online counts of its rooms',
    { status: z._default(presenceStatus, 'online') },
    z.object({ online: onlineCounts }),
  ),
} as const;

export const errorCodes = [
  'validation',
  'forbidden',
  'not-found',
  'rate-limited',
  'too-large',
  'conflict',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorFrame = z.object({
  type: z.literal('error'),
  code: z.enum(errorCodes),
  message: z.string(),
  /** The action the refused frame named, when it named a known one. */
  action: z.optional(z.string()),
  fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  ref: z.optional(z.string()),
  /** On `rate-limited`: seconds until a retry can succeed. */
  retryAfter: z.optional(z.number().check(z.int(), z.positive())),
});
export type ErrorFrame = z.infer<typeof errorFrame>;

export const ackFrame = z.object({
  type: z.literal('ack'),
  action: z.string(),
  ref: z.optional(z.string()),
  data: z.optional(z.unknown()),
});
export type AckFrame = z.infer<typeof ackFrame>;
