export { openProfileStore, ProfileStore, type OpenProfileStoreOptions } from './profile-store'
export { DEMO_PROFILE_ID, demoProfile } from './demo-profile'
export { createConfStore, createMemoryStore, type BackingStore, type BackingStoreOptions, type CreateBackingStore } from './backing-store'
export { CURRENT_PROFILES_VERSION, profileMigrations, upgradeStoredProfiles } from './stored-profiles'
