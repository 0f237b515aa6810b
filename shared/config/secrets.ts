import { optionalEnv } from './env';

/** The secret exists but nobody has put a value into it yet (or, locally, the variable is unset). */
export class SecretNotSetError extends Error {
  constructor(name: string) {
    super(`Secret ${name} is not set (put a value into ${name}_SECRET_ARN's secret, or set ${name} locally)`);
    this.name = 'SecretNotSetError';
  }
}

/**
 * Reads a secret by name: in AWS from Secrets Manager (`<NAME>_SECRET_ARN`), locally from the
 * environment the local cloud sets (`<NAME>`). Fetched once per container; a failed fetch is retried
 * on the next call instead of being remembered.
 */
const cache = new Map<string, Promise<string>>();

export const loadSecret = (name: string): Promise<string> => {
  let value = cache.get(name);
  if (!value) {
    value = fetchSecret(name);
    cache.set(name, value);
    value.catch(() => cache.delete(name));
  }
  return value;
};

const fetchSecret = async (name: string): Promise<string> => {
  const arn = optionalEnv(`${name}_SECRET_ARN`);
  if (arn) {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { clientOptions } = await import('../aws/endpoints');
    const client = new SecretsManagerClient(clientOptions('SECRETS'));
    try {
      const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (!result.SecretString) throw new SecretNotSetError(name);
      return result.SecretString;
    } catch (error) {
      // A secret created empty has no AWSCURRENT version until someone puts a value.
      if ((error as Error).name === 'ResourceNotFoundException') throw new SecretNotSetError(name);
      throw error;
    }
  }
  const local = optionalEnv(name);
  if (!local) throw new SecretNotSetError(name);
  return local;
};
