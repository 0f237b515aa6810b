import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PorticoStack } from './portico-stack';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(`portico:${key}`);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const verifyEmail = context('verifyEmail');
if (verifyEmail !== undefined && verifyEmail !== 'domain' && verifyEmail !== 'address') {
  throw new Error(`portico:verifyEmail must be "domain" or "address", got "${verifyEmail}"`);
}

new PorticoStack(app, context('stackName') ?? 'Portico', {
  description: 'Portico: multi-tenant engagement portal, home-services automation and events platform',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  mailFrom: context('mailFrom') ?? 'Portico <no-reply@example.com>',
  verifyEmail,
  appUrl: context('appUrl'),
  alarmEmail: context('alarmEmail'),
  webAclArn: context('webAclArn'),
});

// cdk-nag 3 is a policy-validation plugin: any unacknowledged AwsSolutions finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
