// The OS keychain via keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows).
// keytar is a native module, loaded lazily with a dynamic import so that a missing or broken build
// becomes a "keychain unavailable" state instead of a crash at startup.
import { redactString } from '../log/redact';
import { registerSecret } from '../log/secret-values';
import { SECRET_SERVICE, SecretStoreError, type SecretStore } from './secret-store';

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarStoreOptions {
  service?: string;
  /** A locked keyring can make libsecret wait for an unlock prompt that never comes (no desktop). */
  timeoutMs?: number;
  /** Chooses the default timeout (keychainTimeoutMs); process.platform unless a test says otherwise. */
  platform?: NodeJS.Platform;
  /** Replaces `import('keytar')` (tests of the "native module missing" path). */
  load?: () => Promise<unknown>;
}

const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The system keychain is not available, so Ringtray cannot remember your sign-in: you stay signed in until Ringtray quits. ' +
  'On Linux, install and start a Secret Service provider (gnome-keyring or KWallet) in your desktop session.';
const KEYCHAIN_LOCKED_MESSAGE =
  'The system keychain is locked, so Ringtray cannot remember your sign-in: you stay signed in until Ringtray quits. ' +
  'Unlock your keyring (e.g. log in to the desktop again or open "Passwords and Keys") and sign in again.';

/** Maps libsecret/D-Bus messages to a reason. The texts are the ones keytar passes through. */
export function classifyKeychainError(error: unknown): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const detail = redactString(error instanceof Error ? error.message : String(error));
  // libsecret: "Cannot create an item in a locked collection"; gnome-keyring: "... is locked".
  if (/\block(ed)?\b/i.test(detail)) return new SecretStoreError('locked', KEYCHAIN_LOCKED_MESSAGE, detail);
  // No session bus ("Cannot autolaunch D-Bus without X11 $DISPLAY"), no Secret Service on the bus
  // ("The name org.freedesktop.secrets was not provided by any .service files"), bus gone.
  if (/d-?bus|org\.freedesktop\.secrets|secret service|no such (interface|object)|connection (refused|closed)|not provided by any/i.test(detail)) {
    return new SecretStoreError('unavailable', KEYCHAIN_UNAVAILABLE_MESSAGE, detail);
  }
  return new SecretStoreError('failed', 'The system keychain refused the request, so Ringtray cannot remember your sign-in right now.', detail);
}

/**
 * How long a keychain call may take before the keychain counts as unavailable. macOS asks the
 * user whether Ringtray may read its item ("Allow" / "Always Allow") the first time a build
 * reads it — after every update of an unsigned build — and a person needs longer than 10 s to
 * notice and answer that dialog; giving up earlier lost the stored sign-in. Elsewhere an answer
 * comes without a person, or never (a locked keyring with no desktop to prompt on).
 */
export function keychainTimeoutMs(platform: NodeJS.Platform): number {
  return platform === 'darwin' ? 120_000 : 10_000;
}

export function createKeytarSecretStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? SECRET_SERVICE;
  const timeoutMs = options.timeoutMs ?? keychainTimeoutMs(options.platform ?? process.platform);
  let loading: Promise<KeytarApi> | null = null;

  const api = (): Promise<KeytarApi> => {
    loading ??= (options.load ?? (() => import('keytar')))().then(
      (mod) => {
        const m = mod as { default?: KeytarApi } & Partial<KeytarApi>;
        const candidate = typeof m.setPassword === 'function' ? (m as KeytarApi) : m.default;
        if (!candidate || typeof candidate.setPassword !== 'function') throw new Error('keytar has no setPassword');
        return candidate;
      },
      (error: unknown) => {
        const detail = redactString(error instanceof Error ? error.message : String(error));
        throw new SecretStoreError('unavailable', `${KEYCHAIN_UNAVAILABLE_MESSAGE} (the keychain module could not be loaded)`, detail);
      },
    );
    return loading;
  };

  async function run<T>(op: (k: KeytarApi) => Promise<T>): Promise<T> {
    const keytar = await api();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new SecretStoreError('unavailable', `${KEYCHAIN_UNAVAILABLE_MESSAGE} (the keychain did not answer within ${Math.round(timeoutMs / 1000)} s)`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([op(keytar), timeout]);
    } catch (error) {
      throw classifyKeychainError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    kind: 'keychain',
    // Whatever the keychain holds is a secret: masked in every log from the moment it is read.
    get: (account) =>
      run(async (k) => {
        const value = await k.getPassword(service, account);
        registerSecret(value);
        return value;
      }),
    set: (account, value) => {
      registerSecret(value);
      return run((k) => k.setPassword(service, account, value));
    },
    delete: (account) => run((k) => k.deletePassword(service, account)),
  };
}
