import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import middy from '@middy/core';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { hashOpaqueToken } from '../../shared/auth/tokens';
import { requireEnv } from '../../shared/config/env';
import { ttlIn } from '../../shared/db/ttl';
import { logger } from '../../shared/observability/logger';
import { consumeTicket, deleteConnection, putConnection } from '../../shared/realtime/repository';

const connections = new ApiGatewayManagementApiClient({ endpoint: requireEnv('WS_MANAGEMENT_ENDPOINT') });

/** Connection items expire on their own: `$disconnect` is best-effort. */
const connectionLifetimeSeconds = 2 * 60 * 60;

type WsEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string | undefined>;
};

const connect = async (event: WsEvent): Promise<APIGatewayProxyResultV2> => {
  const ticket = event.queryStringParameters?.ticket;
  const claims = ticket && ticket.length < 200 ? await consumeTicket(hashOpaqueToken(ticket)) : undefined;
  if (!claims) return { statusCode: 401, body: 'A valid ticket is required' };
  await putConnection(event.requestContext.connectionId, {
    userId: claims.userId,
    orgId: claims.orgId,
    connectedAt: new Date().toISOString(),
    ttl: ttlIn(connectionLifetimeSeconds),
  });
  return { statusCode: 200 };
};

const ping = async (event: WsEvent): Promise<APIGatewayProxyResultV2> => {
  await connections.send(
    new PostToConnectionCommand({
      ConnectionId: event.requestContext.connectionId,
      Data: JSON.stringify({ type: 'pong', at: new Date().toISOString() }),
    }),
  );
  return { statusCode: 200 };
};

const routes: Record<string, (event: WsEvent) => Promise<APIGatewayProxyResultV2>> = {
  $connect: connect,
  $disconnect: async (event) => {
    await deleteConnection(event.requestContext.connectionId);
    return { statusCode: 200 };
  },
  ping,
};

export const handler = middy<WsEvent, APIGatewayProxyResultV2>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const route = routes[event.requestContext.routeKey];
    if (!route) return { statusCode: 404, body: 'Unknown action' };
    return route(event);
  });
