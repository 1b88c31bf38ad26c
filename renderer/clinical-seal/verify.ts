/**
 * Ed25519 verification of the platform's seals with WebCrypto (Chromium and Electron have it;
 * so does Node 20, where the tests run). No network: the public key came with the sign-in and is
 * kept in the desk's verifier for offline sessions.
 */
import type { VerifyEd25519 } from '../../shared/clinical/seal';

const keys = new Map<string, Promise<CryptoKey>>();
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Verifies with WebCrypto's Ed25519; imported keys are kept, one per public key. */
export const verifyWithWebCrypto: VerifyEd25519 = async (publicKey, message, signature) => {
  const id = hex(publicKey);
  let key = keys.get(id);
  if (!key) {
    key = crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    keys.set(id, key);
    key.catch(() => keys.delete(id));
  }
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    await key,
    signature as BufferSource,
    message as BufferSource,
  );
};
