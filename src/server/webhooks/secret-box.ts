import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets have to be usable (we sign with them), so they cannot be hashed like
 * credentials. When DOCKSIDE_SECRET_KEY is set they are sealed with AES-256-GCM under it
 * (`enc:v1:iv:tag:ciphertext`); without it they are stored as `plain:<secret>` and the server
 * says so at start. Every server process sharing a database needs the same key.
 */
function key(secretKey: string | null): Buffer | null {
  return secretKey ? createHash('sha256').update(secretKey).digest() : null;
}

/** `secretKey` is the server's DOCKSIDE_SECRET_KEY (config.webhooks.secretKey), or null. */
export function secretsAreSealed(secretKey: string | null): boolean {
  return key(secretKey) !== null;
}

export function sealSecret(secret: string, secretKey: string | null): string {
  const k = key(secretKey);
  if (!k) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['enc', 'v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function openSecret(stored: string, secretKey: string | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [scheme, version, iv, tag, data] = stored.split(':');
  if (scheme !== 'enc' || version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown secret format');
  const k = key(secretKey);
  if (!k) throw new Error('this webhook secret is sealed: set DOCKSIDE_SECRET_KEY to the key it was sealed with');
  const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
