import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Secrets } from '../config.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  ciphertext: Buffer;
  keyId: string;
}

/**
 * Application-level encryption of the identity number (and other small secrets such as TOTP
 * seeds): AES-256-GCM with a key id, so keys can be rotated while old rows stay readable. The
 * record id is bound in as additional authenticated data, so a ciphertext copied to another
 * record does not decrypt.
 */
export class FieldCrypto {
  /** The HMAC keys as key objects, made once: every request digests its session token. */
  private readonly sessionKey: KeyObject;
  private readonly blindKey: KeyObject;

  constructor(private readonly secrets: Secrets) {
    this.sessionKey = createSecretKey(Buffer.from(secrets.sessionSecret));
    this.blindKey = createSecretKey(Buffer.from(secrets.blindIndexKey));
  }

  seal(plaintext: string, context: string): Sealed {
    const key = this.secrets.pinKeys.get(this.secrets.pinKeyId);
    if (!key) throw new Error('the current encryption key is not configured');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]),
      keyId: this.secrets.pinKeyId,
    };
  }

  open(sealed: Sealed, context: string): string {
    const key = this.secrets.pinKeys.get(sealed.keyId);
    if (!key) throw new Error(`encryption key "${sealed.keyId}" is not configured`);
    const iv = sealed.ciphertext.subarray(0, IV_BYTES);
    const tag = sealed.ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const body = sealed.ciphertext.subarray(IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /** Keyed blind index: equal values give equal digests, and without the key nothing can be guessed. */
  blindIndex(value: string, purpose: string): Buffer {
    return createHmac('sha256', this.blindKey).update(`${purpose}\u0000${value}`).digest();
  }

  /** HMAC under the session secret: what the database keeps of session tokens and API keys. */
  tokenDigest(token: string): Buffer {
    return createHmac('sha256', this.sessionKey).update(token).digest();
  }
}
