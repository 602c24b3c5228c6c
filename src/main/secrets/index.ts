export { SecretVault, type KeychainStatus, type SecretLocation, type SecretStorage, type SecretVaultOptions } from './secretVault'
export {
  accountKey,
  CLIENT_SECRET,
  loadSystemKeytar,
  parseAccountKey,
  SECRET_SERVICE_NAME,
  type Keytar,
  type LoadKeytar,
  type SecretKind,
} from './keychain'
