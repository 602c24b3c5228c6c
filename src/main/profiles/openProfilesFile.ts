// Reading profiles.json at start-up. A file that cannot be used is moved aside, never overwritten, and
// the reason becomes a sentence in `problems` for the UI to show.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { reasonFor } from '../datasets/fileKind'
import { demoProfile, DEMO_PROFILE_ID } from './demoProfile'
import { CURRENT_PROFILES_VERSION, UnusableProfilesFile, upgradeStoredProfiles, type StoredProfiles } from './storedProfiles'

export const PROFILES_FILE_BASENAME = 'profiles'

export interface LoadedProfiles {
  stored: StoredProfiles
  /** True when the file must be written now: first run, migrated, or replaced by defaults. */
  needsWrite: boolean
  /** False when the file could not be moved aside: then nothing may be written to it. */
  writable: boolean
  problems: string[]
}

export function defaultStoredProfiles(): StoredProfiles {
  return { version: CURRENT_PROFILES_VERSION, profiles: [demoProfile()], activeId: DEMO_PROFILE_ID, recentIds: [] }
}

/** A file-name-safe moment: 2025-01-31T09-15-02-123Z. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

function freeName(directory: string, base: string): string {
  let candidate = join(directory, `${base}.json`)
  for (let n = 2; existsSync(candidate); n++) candidate = join(directory, `${base}-${n}.json`)
  return candidate
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code ? code : 'unknown error'
}

/** atomically leaves `profiles.json.tmp-…` behind when the process is killed mid-write. */
function removeStaleTempFiles(directory: string, now: Date): void {
  try {
    for (const name of readdirSync(directory)) {
      if (!name.startsWith(`${PROFILES_FILE_BASENAME}.json.tmp-`)) continue
      const path = join(directory, name)
      // Old ones only: a younger one may belong to a write still in progress.
      if (now.getTime() - statSync(path).mtimeMs > 60_000) unlinkSync(path)
    }
  } catch {
    // Tidying is a courtesy; a failure here changes nothing about the profiles.
  }
}

export function loadProfilesFile(directory: string, now: Date): LoadedProfiles {
  const filePath = join(directory, `${PROFILES_FILE_BASENAME}.json`)
  try {
    mkdirSync(directory, { recursive: true })
  } catch {
    // Reading below reports the real problem.
  }
  removeStaleTempFiles(directory, now)

  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { stored: defaultStoredProfiles(), needsWrite: true, writable: true, problems: [] }
    return setAside(directory, filePath, `reading it failed: ${reasonFor(error)}`, now)
  }

  let parsed: unknown
  try {
    // JSON.parse's message quotes the text, so it is not passed on.
    parsed = JSON.parse(text)
  } catch {
    return setAside(directory, filePath, 'it is not valid JSON', now)
  }

  try {
    const { stored, fromVersion } = upgradeStoredProfiles(parsed)
    const problems: string[] = []
    if (fromVersion < CURRENT_PROFILES_VERSION) {
      // A migration rewrites the file; keep the original in case the upgrade lost something.
      const backup = freeName(directory, `${PROFILES_FILE_BASENAME}.v${fromVersion}-backup-${stamp(now)}`)
      try {
        copyFileSync(filePath, backup)
      } catch (error) {
        problems.push(
          `The profiles file at ${filePath} was upgraded from an older format, but a backup copy could not be written: ${reasonFor(error)}.`,
        )
      }
    }
    return { stored, needsWrite: fromVersion < CURRENT_PROFILES_VERSION, writable: true, problems }
  } catch (error) {
    if (error instanceof UnusableProfilesFile) return setAside(directory, filePath, error.message, now)
    throw error
  }
}

function setAside(directory: string, filePath: string, reason: string, now: Date): LoadedProfiles {
  const aside = freeName(directory, `${PROFILES_FILE_BASENAME}.corrupt-${stamp(now)}`)
  try {
    renameSync(filePath, aside)
  } catch (error) {
    return {
      stored: defaultStoredProfiles(),
      needsWrite: false,
      writable: false,
      problems: [
        `The saved profiles at ${filePath} could not be used (${reason}), and moving that file out of the way failed too: ${reasonFor(error)}. ` +
          'The app started with the demo profile; changes to profiles will be kept only until the app closes, so the old file stays untouched.',
      ],
    }
  }
  return {
    stored: defaultStoredProfiles(),
    needsWrite: true,
    writable: true,
    problems: [
      `The saved profiles at ${filePath} could not be used (${reason}). ` +
        `The file was moved to ${aside} and the app started with the demo profile.`,
    ],
  }
}
