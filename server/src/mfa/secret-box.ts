import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key and the id stored beside every ciphertext it made (so old rows still open after a rotation). */
export interface SecretBoxKey {
  id: string;
  key: Buffer;
}

/** A stored value that does not open: wrong or unknown key, tampered, truncated or not ours. Never carries the data. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * AES-256-GCM for small secrets at rest (TOTP seeds). Stored form: `v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>`.
 *
 * Encrypts with the current key; decrypts with whichever key of the ring the stored id names, so a new
 * key can be rolled out while older rows are re-encrypted (`needsReencryption`). The `context` is bound
 * as additional authenticated data (with the version and key id): a ciphertext copied to another row,
 * whose context differs, does not open. A random 96-bit IV per message is safe far beyond our volume
 * (NIST SP 800-38D: up to 2^32 messages per key).
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly current: SecretBoxKey,
    older: readonly SecretBoxKey[] = [],
  ) {
    for (const k of [current, ...older]) {
      if (!KEY_ID.test(k.id)) throw new SecretBoxError(`secret box: key id must be 1–32 letters, digits, _ or - (got ${JSON.stringify(k.id)})`);
      if (k.key.length !== 32) throw new SecretBoxError(`secret box: key "${k.id}" must be 32 bytes (got ${k.key.length})`);
      if (this.keys.has(k.id)) throw new SecretBoxError(`secret box: key id "${k.id}" is listed twice`);
      this.keys.set(k.id, k.key);
    }
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: Uint8Array, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.current.id, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [VERSION, this.current.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  /** Throws SecretBoxError unless `stored` was made by a key of the ring for this very context. */
  decrypt(stored: string, context: string): Buffer {
    const { keyId, iv, tag, ciphertext } = parse(stored);
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError(`secret box: unknown key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch (error) {
      throw new SecretBoxError('secret box: the value does not authenticate (wrong key, wrong context or tampered)', { cause: error });
    }
  }

  /** True when `stored` was made by an older key: re-encrypt it with the current one. */
  needsReencryption(stored: string): boolean {
    return parse(stored).keyId !== this.current.id;
  }
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}:${keyId}\n${context}`, 'utf8');
}

function parse(stored: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = typeof stored === 'string' ? stored.split(':') : [];
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError(`secret box: not a ${VERSION} value`);
  const [, keyId, ivB64, tagB64, ciphertextB64] = parts;
  if (!KEY_ID.test(keyId) || ![ivB64, tagB64, ciphertextB64].every((p) => BASE64.test(p))) {
    throw new SecretBoxError('secret box: malformed value');
  }
  const iv = Buffer.from(ivB64, 'base64');
  const tag = Buffer.from(tagB64, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('secret box: malformed value');
  return { keyId, iv, tag, ciphertext: Buffer.from(ciphertextB64, 'base64') };
}
