import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDefinition } from '../../shared/db/table';

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /** Customer-managed key the table is encrypted with. */
  readonly encryptionKey: kms.IKey;
  /**
   * What happens to the table when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

// Scan is deliberately absent: no request path or job may scan the table (every list is a Query).
const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The single DynamoDB table, built from the shared `tableDefinition` so AWS and the local cloud cannot
 * drift: on-demand, every GSI, TTL, a stream (the outbox relay's source), point-in-time recovery,
 * deletion protection and KMS encryption.
 */
export class DataTable extends Construct {
  readonly table: dynamodb.Table;
  private readonly encryptionKey: kms.IKey;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      stream: dynamodb.StreamViewType[tableDefinition.streamViewType],
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Lets the grantee get and query items (table and every index), but not scan or change them. */
  grantReadItems(grantee: iam.IGrantable): void {
    this.grantItems(grantee, readActions, ['kms:Decrypt', 'kms:DescribeKey']);
  }

  /** Lets the grantee get, query, put, update and delete items, but not scan. */
  grantReadWriteItems(grantee: iam.IGrantable): void {
    this.grantItems(
      grantee,
      [...readActions, ...writeActions],
      [
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ],
    );
  }

  private grantItems(grantee: iam.IGrantable, actions: string[], keyActions: string[]): void {
    const { tableArn } = this.table;
    // Index ARNs by name rather than `index/*`, so the grant covers exactly the indexes of tableDefinition.
    const indexArns = tableDefinition.globalSecondaryIndexes.map(
      (index) => `${tableArn}/index/${index.name}`,
    );
    iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [tableArn, ...indexArns] });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: keyActions,
        resources: [this.encryptionKey.keyArn],
        // Through DynamoDB only: the role can never call KMS with this key directly.
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }
}
