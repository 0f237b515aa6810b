import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './event-bus';
import type { Functions } from './functions';

/** Props of {@link Alarms}. */
export interface AlarmsProps {
  readonly functions: Functions;
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  /** Key the alarm topic is encrypted with; CloudWatch is allowed to use it for publishing. */
  readonly encryptionKey: kms.IKey;
  /**
   * Address subscribed to the alarm topic (it must confirm the subscription).
   * @default - no subscription; subscribe to the topic yourself
   */
  readonly email?: string;
}

/**
 * An encrypted SNS topic, an alarm on any function error and an alarm on any message in a dead-letter
 * queue. Both mean a user-visible failure (a lost automation, an unsent email), so the threshold is one.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Portico alarms',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // Alarm actions publish as the CloudWatch service, which needs the key to encrypt the message.
    props.encryptionKey.grant(
      new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new actions.SnsAction(this.topic);

    for (const { definition, handler } of props.functions.all) {
      new cloudwatch.Alarm(this, `${definition.name}-errors`, {
        alarmDescription: `Portico ${definition.name}: the function threw or timed out`,
        metric: handler.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    }
    for (const { functionName, queue } of props.deadLetterQueues) {
      new cloudwatch.Alarm(this, `${functionName}-dlq-messages`, {
        alarmDescription: `Portico ${functionName}: events failed for good and wait in its dead-letter queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    }
  }
}
