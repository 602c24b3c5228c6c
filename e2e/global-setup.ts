import startSecretService from '../test/secret-service'

// Playwright hands environment set here to its workers, and the fixtures pass it to each host.
export default async function globalSetup() {
  return startSecretService()
}
