import { createHmac, timingSafeEqual } from 'node:crypto';
import { loadSecret } from '../config/secrets';
import { apiLink } from './links';

/**
 * The lists a recipient can leave, per organization: what an organization's customers get (follow-ups,
 * appointment mail, review requests), new-lead alerts and the daily digest its users get.
 */
export const mailingLists = ['customer', 'lead-alerts', 'digest'] as const;
export type MailingList = (typeof mailingLists)[number];

export interface UnsubscribeClaim {
  readonly orgId: string;
  readonly list: MailingList;
  readonly address: string;
}

/**
 * The key is a secret (`UNSUBSCRIBE_KEY`: Secrets Manager in AWS, generated into the data folder locally):
 * without it nobody can make a link that unsubscribes someone else.
 */
const signingKey = () => loadSecret('UNSUBSCRIBE_KEY');

const mac = (key: string, payload: string) =>
  createHmac('sha256', key).update(`unsubscribe:${payload}`).digest('base64url');

/** A signed, unguessable token naming the organization, the list and the address; it never expires. */
export const signUnsubscribeToken = async (claim: UnsubscribeClaim): Promise<string> => {
  const payload = Buffer.from(
    JSON.stringify([1, claim.orgId, claim.list, claim.address.toLowerCase()]),
    'utf8',
  ).toString('base64url');
  return `${payload}.${mac(await signingKey(), payload)}`;
};

/** The claim of a genuine token; undefined for anything forged, altered or malformed. */
export const verifyUnsubscribeToken = async (token: string): Promise<UnsubscribeClaim | undefined> => {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  const expected = Buffer.from(mac(await signingKey(), payload));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return undefined;
  try {
    const [version, orgId, list, address] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (version !== 1 || typeof orgId !== 'string' || typeof address !== 'string') return undefined;
    if (!mailingLists.includes(list)) return undefined;
    return { orgId, list, address };
  } catch {
    return undefined;
  }
};

/** The one-click link: a page on GET, the unsubscribe itself on POST (RFC 8058). */
export const unsubscribeUrl = async (claim: UnsubscribeClaim): Promise<string> =>
  apiLink(`/api/unsubscribe?token=${await signUnsubscribeToken(claim)}`);
