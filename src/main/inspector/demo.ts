// The demo tenant: Kibo's endpoints served by the built-in emulator, in this process, started the
// first time a demo profile is used. Its client secret ships with the app, so it is no secret.
// Nobody searches its tokens for leaks, so it remembers none: its memory stays flat however long the app runs.
import type { Profile } from '../../shared/profile'
import { DEMO_CLIENT, startEmulator, type Emulator } from '../emulator'

export class DemoTenant {
  #emulator: Promise<Emulator> | null = null

  url(): Promise<string> {
    this.#emulator ??= startEmulator({ port: 0, seed: 7, accounts: 500, secretMemory: 0 })
    return this.#emulator.then((emulator) => emulator.url)
  }

  /** The demo client's secret, for a demo profile still using the demo client id. */
  builtInSecret(profile: Profile): string | null {
    return profile.environment.kind === 'demo' && profile.clientId === DEMO_CLIENT.clientId ? DEMO_CLIENT.clientSecret : null
  }

  async close(): Promise<void> {
    const emulator = this.#emulator
    this.#emulator = null
    if (emulator) await (await emulator).close()
  }
}
