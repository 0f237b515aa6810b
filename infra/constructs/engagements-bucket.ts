import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
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
 * (`engagements/<orgId>/<engagementId>/<version>.md`, written once and never overwritten), and the staging
 * area the browser uploads files to with a presigned POST (`staging/…`), emptied within a day.
 */
export class EngagementsBucket extends Construct {
  /** Key prefix of every engagement file. */
  static readonly prefix = 'engagements/';
  /** Key prefix of uploads waiting to be checked; never a version until the API accepted them. */
  static readonly stagingPrefix = 'staging/';
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
      lifecycleRules: [
        {
          id: 'expire-staged-uploads',
          prefix: EngagementsBucket.stagingPrefix,
          // A checked upload is deleted at once; whatever was never completed goes after a day.
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
  }

  /** Lets browsers on the dashboard's origins POST presigned uploads into the staging area. */
  allowUploadsFrom(origins: string[]): void {
    this.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: origins,
      allowedHeaders: ['*'],
      maxAge: 3000,
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

  /**
   * Lets the role add engagement files (versions are immutable, so there is no delete) and sign, read and
   * remove uploads in the staging area (a presigned POST acts with the signer's permissions).
   */
  grantWriteFiles(role: iam.Role): void {
    this.grantFiles(role, ['s3:PutObject'], ['kms:GenerateDataKey', 'kms:Decrypt']);
    this.grantFiles(
      role,
      ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      [],
      EngagementsBucket.stagingPrefix,
    );
  }

  private grantFiles(
    role: iam.Role,
    actions: string[],
    keyActions: string[],
    prefix = EngagementsBucket.prefix,
  ): void {
    const files = this.bucket.arnForObjects(`${prefix}*`);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [files] }));
    if (keyActions.length > 0)
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
      `Engagement object keys contain run-time ids; access is limited to the ${prefix} prefix.`,
    );
  }
}
