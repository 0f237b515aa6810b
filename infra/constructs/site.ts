import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeLibraryRoleWildcards, acknowledgeManagedPolicy } from './nag';

/** Props of {@link Site}. */
export interface SiteProps {
  /** Host name of the HTTP API that `/api/*` is forwarded to. */
  readonly apiDomainName: string;
  /**
   * A header CloudFront adds to every `/api/*` request. Only a request carrying it came through the
   * distribution, so only then may the API trust `CloudFront-Viewer-Address` as the client's IP.
   */
  readonly originVerifyHeader: { readonly name: string; readonly value: string };
  /** `wss://` URL of the WebSocket stage, written to the site's `config.json`. */
  readonly webSocketUrl: string;
  /** Origin of the WebSocket API (`wss://host`), allowed by the content security policy. */
  readonly webSocketOrigin: string;
  /**
   * Origins the dashboard uploads files to directly (the imports bucket).
   * @default - none
   */
  readonly uploadOrigins?: readonly string[];
  /** Bucket that receives the site bucket's and the distribution's access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Folder with the built dashboard. It is deployed only when it exists at synth time, so the stack
   * synthesizes (and tests run) without a frontend build.
   * @default - nothing is deployed
   */
  readonly assetPath?: string;
  /**
   * Content-Security-Policy of the dashboard's pages.
   * @default - same-origin scripts and API, the WebSocket API, images and embeds over https
   */
  readonly contentSecurityPolicy?: string;
  /**
   * ARN of a global (us-east-1) WAFv2 web ACL to attach.
   * @default - none
   */
  readonly webAclArn?: string;
  /**
   * Edge locations that serve the site.
   * @default cloudfront.PriceClass.PRICE_CLASS_100
   */
  readonly priceClass?: cloudfront.PriceClass;
}

// Client-side routes (`/orgs/123`) have no file behind them; anything without an extension is the app.
const spaRewrite = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The dashboard: a private bucket behind CloudFront (origin access control) that also forwards `/api/*`
 * to the HTTP API, so the browser talks to one origin. Unknown paths of the site are rewritten to
 * `index.html` by a viewer-request function on the site behaviour only, so API errors reach the client
 * unchanged.
 */
export class Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/site/',
    });

    const strictTransportSecurity = {
      accessControlMaxAge: Duration.days(730),
      includeSubdomains: true,
      override: true,
    };
    const pageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Portico dashboard security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy:
            props.contentSecurityPolicy ??
            [
              "default-src 'self'",
              "script-src 'self'",
              // Inline styles cannot run code; UI libraries that inject <style> tags need them.
              "style-src 'self' 'unsafe-inline'",
              "img-src 'self' data: https:",
              "font-src 'self' data:",
              // Files go straight to their bucket with a presigned POST: import files to the buckets named in
              // `uploadOrigins`, checklist files to the engagements bucket (any bucket of the region: naming
              // that bucket here would make the bucket and the distribution depend on each other).
              [
                'connect-src',
                "'self'",
                props.webSocketOrigin,
                `https://*.s3.${Aws.REGION}.amazonaws.com`,
                ...(props.uploadOrigins ?? []),
              ].join(' '),
              // Event sessions embed their live stream from the streaming provider.
              'frame-src https:',
              "object-src 'none'",
              "base-uri 'self'",
              "form-action 'self'",
              "frame-ancestors 'none'",
            ].join('; '),
          override: true,
        },
        strictTransportSecurity,
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });
    // API responses keep their own headers (problem+json, CORS for lead forms); only transport ones are added.
    const apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Portico API transport security headers',
      securityHeadersBehavior: {
        strictTransportSecurity,
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: false,
        },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Portico dashboard and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.accessLogsBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'SpaRewrite', {
              comment: 'Serves index.html for client-side routes',
              code: cloudfront.FunctionCode.fromInline(spaRewrite),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            customHeaders: { [props.originVerifyHeader.name]: props.originVerifyHeader.value },
          }),
          // A redirect would turn a POST into a GET; refuse plain HTTP instead.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
      },
    });

    const acknowledgments = [
      {
        id: 'AwsSolutions-CFR1',
        // Agencies, their clients and event attendees are anywhere; blocking countries would block users.
        reason: 'The dashboard, lead forms and events serve a worldwide audience; no country is excluded.',
      },
      {
        id: 'AwsSolutions-CFR4',
        // The *.cloudfront.net certificate fixes TLSv1 as the minimum; a custom domain lifts it to TLS 1.2.
        reason:
          'The default CloudFront certificate does not allow choosing the minimum TLS version; attach a ' +
          'custom domain and certificate to enforce TLSv1.2_2021.',
      },
    ];
    if (!props.webAclArn) {
      acknowledgments.push({
        id: 'AwsSolutions-CFR2',
        // CloudFront web ACLs live in us-east-1 only; abuse control is API Gateway throttling plus the
        // application's per-IP and per-organization rate limits until one is attached via webAclArn.
        reason:
          'A CloudFront web ACL must be created in us-east-1; until one is passed as webAclArn, abuse is ' +
          'limited by stage throttling and per-IP / per-organization rate limits in the application.',
      });
    }
    for (const acknowledgment of acknowledgments)
      Validations.of(this.distribution).acknowledge(acknowledgment);

    if (props.assetPath && existsSync(props.assetPath)) this.deploy(props.assetPath, props.webSocketUrl);
  }

  /** `https://` URL of the site. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private deploy(assetPath: string, webSocketUrl: string): void {
    const hashedAssets = join(assetPath, 'assets');
    const deployments: s3deploy.BucketDeployment[] = [];
    if (existsSync(hashedAssets)) {
      // Content-hashed names never change meaning: cache them for a year, and keep old ones (no prune) for
      // pages still open on the previous release.
      deployments.push(
        new s3deploy.BucketDeployment(this, 'DeployAssets', {
          sources: [s3deploy.Source.asset(hashedAssets)],
          destinationBucket: this.bucket,
          destinationKeyPrefix: 'assets/',
          prune: false,
          cacheControl: [s3deploy.CacheControl.fromString('public, max-age=31536000, immutable')],
        }),
      );
    }
    // index.html, config.json and other fixed names must be revalidated, or browsers keep an old release.
    const entry = new s3deploy.BucketDeployment(this, 'DeployEntry', {
      sources: [
        s3deploy.Source.asset(assetPath, { exclude: ['assets', 'assets/**', 'config.json'] }),
        s3deploy.Source.jsonData('config.json', { webSocketUrl }),
      ],
      destinationBucket: this.bucket,
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    for (const deployment of deployments) entry.node.addDependency(deployment);

    // Both deployments share aws-cdk-lib's singleton handler; its role, policy and runtime are the library's.
    const singleton = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!singleton) return;
    acknowledgeManagedPolicy(
      singleton,
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
      'The CDK BucketDeployment handler role is created by aws-cdk-lib with the basic execution policy.',
    );
    acknowledgeLibraryRoleWildcards(
      entry.handlerRole,
      'CDK BucketDeployment reads its staged asset, copies every object into the site bucket and ' +
        'invalidates the distribution; aws-cdk-lib shapes these grants.',
    );
    Validations.of(singleton).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The runtime of the CDK BucketDeployment singleton is chosen and updated by aws-cdk-lib.',
    });
  }
}
