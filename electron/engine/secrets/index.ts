export { createSecretStore } from './create-secret-store';
export { classifyKeychainError, createKeytarSecretStore, KEYCHAIN_LOCKED_MESSAGE, KEYCHAIN_UNAVAILABLE_MESSAGE, type KeytarStoreOptions } from './keytar-secret-store';
export { createMemorySecretStore } from './memory-secret-store';
export { clientSecretAccount, isSecretStoreError, refreshTokenAccount, SECRET_SERVICE, SecretStoreError, type SecretStore, type SecretStoreFailure } from './secret-store';
