import type { WsEvent, WsResult } from '../../shared/realtime/middleware';
import { openConnection } from '../../shared/realtime/service';

export const connect = async (event: WsEvent): Promise<WsResult> =>
  (await openConnection(event.requestContext.connectionId, event.queryStringParameters?.ticket))
    ? { statusCode: 200 }
    : { statusCode: 401, body: 'A valid ticket is required' };
