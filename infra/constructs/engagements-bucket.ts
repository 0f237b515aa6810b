import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag';

/** Props of {@link EngagementsBucket}. */
export interface EngagementsBucketProps {
  /** Customer-managed key the engagement files are encrypted with. */
  readonly encryptionKey: kms.IKey;
  /** Bucket that receives this bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * What happens to the bucket when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Private, versioned bucket for the engagement markdown files
 * (`engagements/<orgId>/<engagementId>/<version>.md`, written once and never overwritten).
 */
export class EngagementsBucket extends Construct {
  /** Key prefix of every engagement file. */
  static readonly prefix = 'engagements/';
  readonly bucket: s3.Bucket;
  private readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: EngagementsBucketProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // One data key per bucket instead of one KMS call per object keeps KMS costs flat.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/engagements/',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }

  /** Lets the role list engagement files and read any version of them. */
  grantReadFiles(role: iam.Role): void {
    this.grantFiles(role, ['s3:GetObject', 's3:GetObjectVersion'], ['kms:Decrypt']);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${EngagementsBucket.prefix}*`] } },
      }),
    );
  }

  /** Lets the role add engagement files; versions are immutable, so there is no delete. */
  grantWriteFiles(role: iam.Role): void {
    this.grantFiles(role, ['s3:PutObject'], ['kms:GenerateDataKey', 'kms:Decrypt']);
  }

  private grantFiles(role: iam.Role, actions: string[], keyActions: string[]): void {
    const files = this.bucket.arnForObjects(`${EngagementsBucket.prefix}*`);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [files] }));
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: keyActions,
        resources: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }),
    );
    // Object keys hold organization and engagement ids known only at run time; the prefix is the limit.
    acknowledgeWildcardResource(
      role,
      files,
      'Engagement object keys contain run-time ids; access is limited to the engagements/ prefix.',
    );
  }
}
