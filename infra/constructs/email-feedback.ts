import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link EmailFeedback}. */
export interface EmailFeedbackProps {
  /** Key the feedback topic is encrypted with; SES is allowed to use it for publishing. */
  readonly encryptionKey: kms.IKey;
}

/**
 * Where SES reports bounces and complaints: a configuration set (the sending identity's default, so every
 * message uses it) with an event destination that publishes them to an encrypted SNS topic. The manifest
 * function subscribed to `email-feedback` suppresses the addresses they name.
 */
export class EmailFeedback extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly topic: sns.Topic;
  /** ARN senders need `ses:SendEmail` / `ses:SendRawEmail` on, besides the identity's. */
  readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: EmailFeedbackProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Portico email bounces and complaints',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // SES publishes as its service principal and must encrypt the message with the topic's key.
    props.encryptionKey.grant(
      new iam.ServicePrincipal('ses.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      sendingEnabled: true,
      reputationMetrics: true,
    });
    // Deliveries too: a conference invitation shows whether it arrived.
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.DELIVERY],
    });
    this.configurationSetArn = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${this.configurationSet.configurationSetName}`;
  }
}
