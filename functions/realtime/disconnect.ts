import type { WsEvent } from '../../shared/realtime/middleware';
import { closeConnectionItems } from '../../shared/realtime/service';

export const disconnect = (event: WsEvent) => closeConnectionItems(event.requestContext.connectionId);
