import type { RouteImplementation } from '../../shared/http/middleware';
import type { leadFormRoutes } from '../../shared/lead-form/contracts';
import { idempotencyKeyHeader, replayedHeader } from '../../shared/lead-form/protocol';
import { submitLead } from '../../shared/lead-form/service';

export const submitLeadRoute: RouteImplementation<typeof leadFormRoutes.submit> = async ({
  params,
  body,
  request,
}) => {
  const answer = await submitLead({
    slug: params.slug,
    requestId: request.requestId,
    origin: request.origin,
    ip: request.ip,
    idempotencyKey: request.headers[idempotencyKeyHeader],
    body,
  });
  return {
    status: 202,
    body: answer.receipt,
    ...(answer.replayed ? { headers: { [replayedHeader]: 'true' } } : {}),
  };
};
