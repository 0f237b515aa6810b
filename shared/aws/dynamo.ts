import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../config/env';
import { clientOptions } from './endpoints';

/** Created once per container and shared by every repository. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions('DYNAMODB')), {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = requireEnv('TABLE_NAME');
