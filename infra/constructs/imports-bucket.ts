import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag';

/** Props of {@link ImportsBucket}. */
export interface ImportsBucketProps {
  /** Bucket that receives this bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Days an uploaded file and the files between import steps are kept.
   * @default 7
   */
  readonly expireAfterDays?: number;
}

/**
 * Staging bucket of CSV imports: browsers post files straight to it with a presigned POST (the policy caps
 * the size), the import steps keep their checked rows there, and everything under `imports/` expires.
 */
export class ImportsBucket extends Construct {
  static readonly prefix = 'imports/';
  readonly bucket: s3.Bucket;
  /** Origin of the bucket's upload endpoint, for the dashboard's `connect-src`. */
  readonly uploadOrigin: string;

  constructor(scope: Construct, id: string, props: ImportsBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // S3-managed keys: a presigned POST signed by the function needs no KMS grant for the uploader.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/imports/',
      cors: [
        {
          allowedMethods: [s3.HttpMethods.POST],
          // Any origin: only a POST signed by the imports function (key and size fixed) is accepted, and
          // naming the site here would make bucket and distribution depend on each other (its CSP names us).
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          prefix: ImportsBucket.prefix,
          expiration: Duration.days(props.expireAfterDays ?? 7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // Staged files only: nothing here outlives its import.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    this.uploadOrigin = `https://${this.bucket.bucketRegionalDomainName}`;
  }

  /** Lets the role presign uploads and read, write and delete the staged files. */
  grantStaging(role: iam.Role): void {
    const files = this.bucket.arnForObjects(`${ImportsBucket.prefix}*`);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [files],
      }),
    );
    acknowledgeWildcardResource(
      role,
      files,
      'Import object keys contain run-time organization and import ids; access is limited to the imports/ prefix.',
    );
  }
}
