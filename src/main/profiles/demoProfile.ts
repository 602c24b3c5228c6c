import { DEMO_CLIENT_ID, DEMO_SITE, DEMO_TENANT } from '../../shared/demo'
import type { Profile } from '../../shared/profile'

/** Fixed, so the renderer and the emulator can recognise the built-in demo profile. */
export const DEMO_PROFILE_ID = 'demo'

/** The one profile a first run starts with: it talks to the emulator built into the app. */
export function demoProfile(): Profile {
  return {
    id: DEMO_PROFILE_ID,
    name: 'Demo tenant',
    color: '#2f7d6d',
    environment: { kind: 'demo', tenant: DEMO_TENANT, site: DEMO_SITE },
    clientId: DEMO_CLIENT_ID,
    target: { accountId: 1001 },
    responseFields: '',
    production: false,
  }
}

/** Colors handed out to profiles that come without one (migrated files). */
export const profilePalette = ['#2f7d6d', '#3b6fb6', '#b5563c', '#7a5bb0', '#a2841f', '#2f8fa3', '#b0487a', '#5f7a2e']
