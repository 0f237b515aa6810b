import { optionalEnv } from './env';

/**
 * Reads a secret by name: in AWS from Secrets Manager (`<NAME>_SECRET_ARN`), locally from the
 * environment the local cloud sets (`<NAME>`). Fetched once per container.
 */
const cache = new Map<string, Promise<string>>();

export const loadSecret = (name: string): Promise<string> => {
  let value = cache.get(name);
  if (!value) {
    value = fetchSecret(name);
    cache.set(name, value);
  }
  return value;
};

const fetchSecret = async (name: string): Promise<string> => {
  const arn = optionalEnv(`${name}_SECRET_ARN`);
  if (arn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { clientOptions } = await import('../aws/endpoints');
    const client = new SecretsManagerClient(clientOptions('SECRETS'));
    const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (!result.SecretString) throw new Error(`Secret ${name} is empty`);
    return result.SecretString;
  }
  const local = optionalEnv(name);
  if (!local) throw new Error(`Secret ${name} is not configured (set ${name}_SECRET_ARN or ${name})`);
  return local;
};
