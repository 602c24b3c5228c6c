// Where client secrets live (tickets and app tokens stay in the Inspector's memory). Two places only: the OS keychain, or this process's
// memory for the session. Never a file: when the keychain is unavailable the answer is an error the UI
// turns into "keep it for this session only", not a quiet fallback to disk.
import type { SecretStatus } from '../../shared/contract'
import { fail } from '../../shared/errors'
import {
  accountKey,
  CLIENT_SECRET,
  describeKeychainError,
  isSecretKind,
  loadSystemKeytar,
  parseAccountKey,
  SECRET_SERVICE_NAME,
  withTimeout,
  type Keytar,
  type LoadKeytar,
  type SecretKind,
} from './keychain'

export type SecretStorage = 'keychain' | 'session'
/** Where a profile's client secret is: the contract's SecretStatus. */
export type SecretLocation = SecretStatus

export interface KeychainStatus {
  available: boolean
  /** Why not, as a sentence for a person; present only when unavailable. */
  problem?: string
}

export interface SecretVaultOptions {
  /** The keychain service name; tests pass their own so they never touch the user's entries. */
  service?: string
  /** Defaults to requiring the native keytar module. */
  loadKeytar?: LoadKeytar
  /** How long a keychain call may take before it counts as unavailable. */
  timeoutMs?: number
}

const PROBE_ACCOUNT = 'availability-probe'

const SESSION_HINT = 'You can keep the client secret for this session only; it is then forgotten when the app closes.'
const UNAVAILABLE_HINT = `${SESSION_HINT} To save it, make a system keychain available (on Linux a Secret Service such as GNOME Keyring or KWallet, unlocked) and restart the app.`

export class SecretVault {
  readonly service: string
  readonly #loadKeytar: LoadKeytar
  readonly #timeoutMs: number
  #status: Promise<{ status: KeychainStatus; keytar: Keytar | null }> | undefined
  /** Secrets the person chose to keep for this session only, by account key. */
  readonly #sessionSecrets = new Map<string, string>()
  /** Whether the keychain holds an account's secret, as last seen: the profile list asks often,
   *  and each keychain read would fetch the secret itself just to say "set". */
  readonly #inKeychain = new Map<string, boolean>()

  constructor(options: SecretVaultOptions = {}) {
    this.service = options.service ?? SECRET_SERVICE_NAME
    this.#loadKeytar = options.loadKeytar ?? loadSystemKeytar
    this.#timeoutMs = options.timeoutMs ?? 10_000
  }

  /** Probes the keychain once (a harmless lookup) and remembers the answer. */
  async keychainStatus(): Promise<KeychainStatus> {
    return { ...(await this.#probe()).status }
  }

  async setClientSecret(profileId: string, secret: string, storage: SecretStorage): Promise<void> {
    const account = this.#account(profileId, CLIENT_SECRET)
    if (typeof secret !== 'string' || secret.length === 0) fail('invalid-input', 'The client secret is empty.')
    if (storage === 'session') {
      this.#sessionSecrets.set(account, secret)
      // The person chose not to keep it: an older copy in the keychain must not outlive this choice.
      await this.#deleteFromKeychain(account).catch(() => undefined)
      return
    }
    if (storage !== 'keychain') fail('invalid-input', 'Choose where to keep the secret: keychain or session.')
    const keytar = await this.#requireKeychain()
    await this.#call(() => keytar.setPassword(this.service, account, secret), 'Saving the client secret in', [secret])
    this.#inKeychain.set(account, true)
    this.#sessionSecrets.delete(account)
  }

  /** The session copy first, then the keychain; null when neither holds one or the keychain is unavailable. */
  async getClientSecret(profileId: string): Promise<string | null> {
    const account = this.#account(profileId, CLIENT_SECRET)
    const inSession = this.#sessionSecrets.get(account)
    if (inSession !== undefined) return inSession
    const { keytar } = await this.#probe()
    if (!keytar) return null
    const secret = await this.#call(() => keytar.getPassword(this.service, account), 'Reading the client secret from')
    this.#inKeychain.set(account, secret !== null)
    return secret
  }

  /** Where the profile's client secret is; a keychain that fails to answer counts as 'missing'. */
  async status(profileId: string): Promise<SecretLocation> {
    const account = this.#account(profileId, CLIENT_SECRET)
    if (this.#sessionSecrets.has(account)) return 'session'
    const known = this.#inKeychain.get(account)
    if (known !== undefined) return known ? 'keychain' : 'missing'
    const { keytar } = await this.#probe()
    if (!keytar) return 'missing'
    try {
      const found = (await withTimeout(keytar.getPassword(this.service, account), this.#timeoutMs, 'The system keychain')) !== null
      this.#inKeychain.set(account, found)
      return found ? 'keychain' : 'missing'
    } catch {
      return 'missing'
    }
  }

  /** Forgets the profile's client secret, in memory and in the keychain. */
  async clear(profileId: string): Promise<void> {
    const account = this.#account(profileId, CLIENT_SECRET)
    this.#sessionSecrets.delete(account)
    await this.#deleteFromKeychain(account)
  }

  /** Forgets every secret and token of a profile: all kinds, keychain and memory. For a removed profile. */
  async deleteProfileSecrets(profileId: string): Promise<void> {
    this.#account(profileId, CLIENT_SECRET)
    for (const map of [this.#sessionSecrets, this.#inKeychain])
      for (const account of [...map.keys()]) if (parseAccountKey(account)?.profileId === profileId) map.delete(account)
    const { keytar } = await this.#probe()
    if (!keytar) return
    const entries = await this.#call(() => keytar.findCredentials(this.service), 'Listing the secrets in')
    for (const { account } of entries) {
      if (parseAccountKey(account)?.profileId !== profileId) continue
      await this.#call(() => keytar.deletePassword(this.service, account), 'Removing a secret from')
    }
  }

  #account(profileId: string, kind: SecretKind): string {
    if (typeof profileId !== 'string' || profileId.length === 0 || profileId.length > 64)
      fail('invalid-input', 'A profile id is 1 to 64 characters.')
    if (!isSecretKind(kind)) fail('invalid-input', 'A secret kind is a short lower-case name such as client-secret.')
    return accountKey(profileId, kind)
  }

  #probe(): Promise<{ status: KeychainStatus; keytar: Keytar | null }> {
    this.#status ??= (async () => {
      let keytar: Keytar
      try {
        keytar = this.#loadKeytar()
      } catch (error) {
        return unavailable(`its support module could not be loaded: ${describeKeychainError(error)}`)
      }
      try {
        // A lookup of an account that never exists: it proves the keychain answers without
        // reading any stored secret (findCredentials would return them all).
        await withTimeout(keytar.getPassword(this.service, PROBE_ACCOUNT), this.#timeoutMs, 'The system keychain')
        return { status: { available: true }, keytar }
      } catch (error) {
        return unavailable(describeKeychainError(error))
      }
    })()
    return this.#status
  }

  async #requireKeychain(): Promise<Keytar> {
    const { status, keytar } = await this.#probe()
    if (!keytar) fail('keychain-unavailable', status.problem ?? 'The system keychain is not available.', { hint: UNAVAILABLE_HINT })
    return keytar
  }

  async #deleteFromKeychain(account: string): Promise<void> {
    this.#inKeychain.delete(account)
    const { keytar } = await this.#probe()
    if (!keytar) return
    await this.#call(() => keytar.deletePassword(this.service, account), 'Removing the client secret from')
  }

  /** Runs a keychain call; a failure becomes a 'keychain-unavailable' AppFailure naming no secret. */
  async #call<T>(run: () => Promise<T>, doing: string, secrets: readonly string[] = []): Promise<T> {
    try {
      return await withTimeout(run(), this.#timeoutMs, 'The system keychain')
    } catch (error) {
      fail('keychain-unavailable', `${doing} the system keychain failed (${describeKeychainError(error, secrets)}).`, {
        hint: `${SESSION_HINT} If the keychain is locked, unlock it and try again.`,
      })
    }
  }
}

function unavailable(reason: string): { status: KeychainStatus; keytar: null } {
  return {
    status: { available: false, problem: `The system keychain is not available (${reason}). ${SESSION_HINT}` },
    keytar: null,
  }
}
