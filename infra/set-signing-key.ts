import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { exportJWK, generateKeyPair } from 'jose';

/**
 * `npx tsx infra/set-signing-key.ts <JwtPrivateKeySecretArn> <JwtPublicKeySecretArn>` generates the
 * access-token key pair of a deployed stack (Ed25519) and puts the private JWK into the secret only the
 * identity function reads, and the public JWK into the one every function that checks tokens reads. Run it
 * with AWS credentials; the key never touches a file or the terminal. Functions keep the keys they loaded
 * until their containers are replaced, so a new key signs everyone out within minutes.
 */
const [privateArn, publicArn] = process.argv.slice(2);
if (!privateArn || !publicArn) {
  console.error('usage: npx tsx infra/set-signing-key.ts <JwtPrivateKeySecretArn> <JwtPublicKeySecretArn>');
  process.exit(2);
}

const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const kid = new Date().toISOString().slice(0, 10);
const client = new SecretsManagerClient({});
// The public half first: a verifier that loads it meanwhile only rejects tokens no one has signed yet.
await client.send(
  new PutSecretValueCommand({
    SecretId: publicArn,
    SecretString: JSON.stringify({ ...(await exportJWK(publicKey)), kid }),
  }),
);
await client.send(
  new PutSecretValueCommand({
    SecretId: privateArn,
    SecretString: JSON.stringify({ ...(await exportJWK(privateKey)), kid }),
  }),
);
console.log(`Put the signing key ${kid}: private JWK for identity, public JWK for every verifying function.`);
