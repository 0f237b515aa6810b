import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ProblemError,
  TooManyRequestsError,
  ValidationError,
  VersionConflictError,
} from '../http/errors';
import { logger } from '../observability/logger';
import type * as z from '../schema/zod';
import type { ActionDefinition, ErrorCode, ErrorFrame, FrameOf, ResultOf } from './contracts';
import { type ConnectionItem, getConnection } from './repository';
import { closeConnection, postToConnection } from './send';

export type WsEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
};
export type WsResult = APIGatewayProxyResultV2;

export interface ActionInput<D extends ActionDefinition> {
  readonly frame: FrameOf<D>;
  readonly connection: ConnectionItem;
  readonly requestId: string;
}

export type ActionImplementation<D extends ActionDefinition> = (
  input: ActionInput<D>,
) => Promise<ResultOf<D>>;

export interface ActionBinding {
  readonly definition: ActionDefinition;
  readonly run: (input: ActionInput<ActionDefinition>) => Promise<unknown>;
}

/** Pairs an action's contract with its implementation, type-checked against it. */
export const bindAction = <D extends ActionDefinition>(
  definition: D,
  implementation: ActionImplementation<D>,
): ActionBinding => ({
  definition,
  run: implementation as (input: ActionInput<ActionDefinition>) => Promise<unknown>,
});

/** Thrown by the stack itself for a frame it cannot even read. */
class FrameError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: ErrorFrame['fields'],
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

const problemCodes: [new (...args: never[]) => ProblemError, ErrorCode][] = [
  [ValidationError, 'validation'],
  [ForbiddenError, 'forbidden'],
  [NotFoundError, 'not-found'],
  [TooManyRequestsError, 'rate-limited'],
  [PayloadTooLargeError, 'too-large'],
  [ConflictError, 'conflict'],
  [VersionConflictError, 'conflict'],
];

/** The one mapping of errors to error frames: named errors say what happened, anything else says nothing. */
export const errorFrameOf = (error: unknown, ref?: string, action?: string): ErrorFrame => {
  const base = { type: 'error' as const, ...(ref ? { ref } : {}), ...(action ? { action } : {}) };
  if (error instanceof FrameError)
    return {
      ...base,
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
    };
  if (error instanceof ProblemError) {
    const code =
      problemCodes.find(([type]) => error instanceof type)?.[1] ??
      (error.status < 500 ? 'validation' : 'internal');
    const retryAfter = error.extensions.retryAfterSeconds;
    return {
      ...base,
      code,
      message: error.message,
      ...(error instanceof ValidationError ? { fields: error.errors } : {}),
      ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
    };
  }
  return {
    ...base,
    code: 'internal',
    message: 'Something went wrong on our side. The error has been logged.',
  };
};

const fieldErrors = (error: z.core.$ZodError) =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...issue.path.map(String), key].join('.'),
          message: 'Unknown field',
        }))
      : [{ path: issue.path.map(String).join('.'), message: issue.message }],
  );

/** The client's reference, when the frame is JSON carrying a usable one: echoed even on refusal. */
const refOf = (json: unknown): string | undefined => {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[\w.:-]{1,64}$/.test(id) ? id : undefined;
};

export interface WsModuleOptions {
  readonly connect?: (event: WsEvent) => Promise<WsResult>;
  readonly disconnect?: (event: WsEvent) => Promise<void>;
  /** Answers frames no route matched; a module with `$default` never lets a frame go unanswered. */
  readonly fallback?: boolean;
  readonly actions: readonly ActionBinding[];
}

/**
 * A module's WebSocket Lambda: `$connect` / `$disconnect` as given, and each action through one stack —
 * logging, the caller read from its connection item (an expired one is absent and the connection is
 * closed), JSON parse and zod validation, then the action, whose result is the `ack` and whose error is
 * the `error` frame. Route handlers stay thin and never post their own answers.
 */
export const wsModule = ({ connect, disconnect, fallback = false, actions }: WsModuleOptions) => {
  const byAction = new Map(actions.map((binding) => [binding.definition.action, binding]));
  const routes = [
    ...(connect ? ['$connect'] : []),
    ...(disconnect ? ['$disconnect'] : []),
    ...(fallback ? ['$default'] : []),
    ...byAction.keys(),
  ];

  const message = async (event: WsEvent): Promise<void> => {
    const { connectionId, routeKey, requestId } = event.requestContext;
    let json: unknown;
    let parsed = false;
    try {
      json = JSON.parse(event.body ?? '');
      parsed = true;
    } catch {
      json = undefined;
    }
    const ref = refOf(json);
    const binding = byAction.get(routeKey);
    try {
      const connection = await getConnection(connectionId);
      if (!connection) {
        await postToConnection(
          connectionId,
          errorFrameOf(new FrameError('forbidden', 'This connection has expired; connect again'), ref),
        );
        await closeConnection(connectionId);
        return;
      }
      if (!parsed) throw new FrameError('validation', 'A frame is a JSON object with an action');
      if (!binding) {
        const action = (json as { action?: unknown } | null)?.action;
        throw new FrameError(
          'validation',
          `Unknown action${typeof action === 'string' ? ` ${action.slice(0, 64)}` : ''}`,
          [{ path: 'action', message: 'Not an action of this API' }],
        );
      }
      const frame = binding.definition.schema.safeParse(json);
      if (!frame.success)
        throw new FrameError('validation', 'The frame is not valid', fieldErrors(frame.error));
      const data = await binding.run({ frame: frame.data, connection, requestId });
      await postToConnection(connectionId, {
        type: 'ack',
        action: routeKey,
        ...(ref ? { ref } : {}),
        ...(data === undefined ? {} : { data }),
      });
    } catch (error) {
      const known = error instanceof FrameError || error instanceof ProblemError;
      if (known) logger.info('Frame refused', { routeKey, reason: (error as Error).message });
      else logger.error('Frame failed', error as Error);
      await postToConnection(connectionId, errorFrameOf(error, ref, binding ? routeKey : undefined));
    }
  };

  const handler = middy<WsEvent, WsResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const { routeKey, connectionId } = event.requestContext;
      logger.appendKeys({ connectionId, routeKey });
      if (routeKey === '$connect') return connect ? connect(event) : { statusCode: 200 };
      if (routeKey === '$disconnect') {
        await disconnect?.(event);
        return { statusCode: 200 };
      }
      await message(event);
      return { statusCode: 200 };
    });
  return Object.assign(handler, { routes });
};
