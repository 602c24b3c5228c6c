import startSecretService from '../test/secretService'

// Playwright hands environment set here to its workers, and the fixtures pass it to each host.
export default async function globalSetup() {
  return startSecretService()
}
