import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Props of {@link Settings}. */
export interface SettingsProps {
  /** Sender of every email. */
  readonly mailFrom: string;
  /** Public URL of the dashboard. */
  readonly appUrl: string;
  /**
   * Path the parameters live under.
   * @default '/portico'
   */
  readonly prefix?: string;
}

/**
 * Non-secret settings as SSM parameters, so operators and scripts can read what a deployment uses;
 * functions get the same values as environment variables.
 */
export class Settings extends Construct {
  readonly mailFrom: ssm.StringParameter;
  readonly appUrl: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: SettingsProps) {
    super(scope, id);
    const prefix = props.prefix ?? '/portico';
    this.mailFrom = new ssm.StringParameter(this, 'MailFrom', {
      parameterName: `${prefix}/mail-from`,
      description: 'Sender address of every Portico email',
      stringValue: props.mailFrom,
    });
    this.appUrl = new ssm.StringParameter(this, 'AppUrl', {
      parameterName: `${prefix}/app-url`,
      description: 'Public URL of the Portico dashboard, used in email links',
      stringValue: props.appUrl,
    });
  }
}
