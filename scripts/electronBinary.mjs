// Whether Electron's binary is there, checked the way the electron package finds it (path.txt,
// then dist/<path>) but without requiring it: requiring it starts a download, and where the
// install skipped that (ELECTRON_SKIP_BINARY_DOWNLOAD, closed networks) ends in a bare
// "Electron failed to install correctly".
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What is missing, in words for the person who typed `npm start`; null when the binary is there.
 * `electronDir` is node_modules/electron (or null when the package itself is not installed).
 */
export function electronBinaryProblem(electronDir, env = process.env) {
  const fallback = 'Run `npm run web` to use the same app in your browser instead (no Electron needed).'
  if (electronDir === null || !existsSync(join(electronDir, 'package.json'))) {
    return `Electron is not installed (no node_modules/electron). Run \`npm install\` to get it. ${fallback}`
  }
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    if (existsSync(binary)) return null
    return `Electron's binary is missing: ELECTRON_OVERRIDE_DIST_PATH points at ${binary}, which does not exist. ${fallback}`
  }
  const binary = relative ? join(electronDir, 'dist', relative) : null
  if (binary !== null && existsSync(binary)) return null
  return [
    `Electron's binary is missing (${binary ?? join(electronDir, 'path.txt')} does not exist): it was not downloaded when the packages were installed,`,
    'for example because of ELECTRON_SKIP_BINARY_DOWNLOAD=1 or a closed network.',
    'To get it, delete node_modules/electron and run `npm install` with network access.',
    fallback,
  ].join('\n')
}
