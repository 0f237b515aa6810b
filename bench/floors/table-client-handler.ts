import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// The floor of the load budget: a handler that only creates the DynamoDB document client every function
// needs, bundled exactly as the functions are (so it loads the SDK's ES modules, as they do).
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });
