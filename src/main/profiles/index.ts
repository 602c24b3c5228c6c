export { openProfileStore, ProfileStore, type OpenProfileStoreOptions } from './profileStore'
export { DEMO_PROFILE_ID, demoProfile } from './demoProfile'
export { createConfStore, createMemoryStore, type BackingStore, type BackingStoreOptions, type CreateBackingStore } from './backingStore'
export { CURRENT_PROFILES_VERSION, profileMigrations, upgradeStoredProfiles } from './storedProfiles'
