// The built-in demo tenant, known to the emulator, the first-run profile and the profile form.
// Its client id is public and so is its secret (kept in the emulator): nothing here is sensitive.
export const DEMO_TENANT = 100001
export const DEMO_SITE = 100002
export const DEMO_CLIENT_ID = 'AccountInspector.Demo.1.0.0.Release'
