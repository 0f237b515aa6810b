import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Props of {@link Email}. */
export interface EmailProps {
  /** Sender of every email: `no-reply@mail.example.com` or `Portico <no-reply@mail.example.com>`. */
  readonly mailFrom: string;
  /**
   * What SES verifies: the whole domain (publish the three DKIM CNAME records this construct exposes)
   * or only the address (SES emails a confirmation link to it).
   * @default 'domain'
   */
  readonly verify?: 'domain' | 'address';
  /**
   * The identity's default configuration set: every message sent from it reports bounces and complaints
   * through it.
   * @default - none
   */
  readonly configurationSet?: ses.IConfigurationSet;
}

/** The address part of a `MAIL_FROM` value, and its domain. */
export const parseMailFrom = (mailFrom: string): { address: string; domain: string } => {
  const match = /^(?:[^<>]*<)?\s*([^<>\s@]+@([^<>\s@]+\.[^<>\s@]+))\s*>?$/.exec(mailFrom.trim());
  if (!match) throw new Error(`mailFrom must be an email address (optionally "Name <address>"): ${mailFrom}`);
  return { address: match[1]!.toLowerCase(), domain: match[2]!.toLowerCase() };
};

/**
 * The SES identity Portico sends from. SES only sends once the identity is verified (DNS records for a
 * domain, a clicked link for an address), and a new account is in the SES sandbox until AWS lifts it.
 */
export class Email extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly address: string;
  /** CNAME records to publish for a domain identity; none for an address. */
  readonly dkimRecords: readonly ses.DkimRecord[];

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const { address, domain } = parseMailFrom(props.mailFrom);
    this.address = address;
    const verifyDomain = (props.verify ?? 'domain') === 'domain';
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: verifyDomain ? ses.Identity.domain(domain) : ses.Identity.email(address),
      configurationSet: props.configurationSet,
    });
    this.dkimRecords = verifyDomain ? this.identity.dkimRecords : [];
  }
}
