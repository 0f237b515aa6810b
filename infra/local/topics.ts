import { randomUUID } from 'node:crypto';
import type { FunctionDefinition, TopicName } from '../../functions/manifest';
import type { DeadLetter } from './event-bus';

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

/** Lambda's asynchronous retries, scaled down like the local bus's. */
const retryDelaysMs = [200, 1000];

/**
 * The manifest's SNS topics: a message published to one invokes each subscribed function with the event
 * SNS sends to Lambda, retried like an asynchronous invocation and parked as a dead letter after that.
 */
export class LocalTopics {
  constructor(
    private readonly functions: readonly FunctionDefinition[],
    private readonly invoke: Invoke,
    private readonly deadLetters: DeadLetter[],
    private readonly onError: (message: string) => void,
  ) {}

  /** Resolves when every subscriber has handled the message (or given up on it). */
  async publish(topic: TopicName, message: string): Promise<void> {
    const subscribers = this.functions.filter((fn) => fn.topics?.includes(topic));
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: `arn:aws:sns:us-east-1:000000000000:portico-${topic}:${randomUUID()}`,
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: `arn:aws:sns:us-east-1:000000000000:portico-${topic}`,
            Subject: null,
            Message: message,
            Timestamp: new Date().toISOString(),
            SignatureVersion: '1',
            Signature: '',
            SigningCertUrl: '',
            UnsubscribeUrl: '',
            MessageAttributes: {},
          },
        },
      ],
    };
    await Promise.all(subscribers.map((fn) => this.deliver(topic, fn, event)));
  }

  private async deliver(topic: TopicName, fn: FunctionDefinition, event: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.invoke(fn, event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined) {
          this.deadLetters.push({
            rule: `topic:${topic}`,
            event,
            error: (error as Error).message,
            at: new Date().toISOString(),
          });
          this.onError(`Topic ${topic} → ${fn.name} failed ${attempt + 1} times; parked as a dead letter`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

export interface SimulatedFeedback {
  readonly type: 'bounce' | 'complaint' | 'delivery';
  readonly recipients: readonly string[];
  /** The SES message the feedback is about (the outbox message's id). @default a random one */
  readonly messageId?: string;
  /** For bounces: `Permanent` suppresses, `Transient` does not. @default 'Permanent' */
  readonly bounceType?: 'Permanent' | 'Transient';
}

/** The SES notification (configuration-set event format) SES would publish for a bounce, complaint or delivery. */
export const sesNotification = (feedback: SimulatedFeedback): string => {
  const timestamp = new Date().toISOString();
  const mail = {
    timestamp,
    messageId: feedback.messageId ?? randomUUID(),
    source: 'no-reply@portico.localhost',
    destination: feedback.recipients,
  };
  if (feedback.type === 'delivery')
    return JSON.stringify({
      eventType: 'Delivery',
      delivery: {
        timestamp,
        recipients: feedback.recipients,
        smtpResponse: '250 2.0.0 OK (simulated locally)',
      },
      mail,
    });
  return JSON.stringify(
    feedback.type === 'bounce'
      ? {
          eventType: 'Bounce',
          bounce: {
            bounceType: feedback.bounceType ?? 'Permanent',
            bounceSubType: feedback.bounceType === 'Transient' ? 'MailboxFull' : 'General',
            bouncedRecipients: feedback.recipients.map((emailAddress) => ({
              emailAddress,
              action: 'failed',
              status: feedback.bounceType === 'Transient' ? '4.2.2' : '5.1.1',
              diagnosticCode: 'smtp; 550 5.1.1 user unknown (simulated locally)',
            })),
            timestamp,
            feedbackId: randomUUID(),
          },
          mail,
        }
      : {
          eventType: 'Complaint',
          complaint: {
            complainedRecipients: feedback.recipients.map((emailAddress) => ({ emailAddress })),
            complaintFeedbackType: 'abuse',
            timestamp,
            feedbackId: randomUUID(),
          },
          mail,
        },
  );
};
