// The layout of profiles.json on disk (current version) and how older layouts are brought up to it.
// Every layout change adds one migration step; the file records its version so a load knows where to start.
import { z } from 'zod'
import { profileSchema, type Profile } from '../../shared/profile'
import { profilePalette } from './demoProfile'

export const CURRENT_PROFILES_VERSION = 1
export const MAX_RECENT = 8

export const storedProfilesSchema = z
  .object({
    version: z.literal(CURRENT_PROFILES_VERSION),
    profiles: z.array(profileSchema).max(1000),
    activeId: z.string().nullable(),
    recentIds: z.array(z.string()),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>()
    file.profiles.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'id'], message: 'This id is used twice.' })
      seen.add(p.id)
    })
  })

export interface StoredProfiles {
  version: typeof CURRENT_PROFILES_VERSION
  profiles: Profile[]
  activeId: string | null
  recentIds: string[]
}

/** Why a profiles file cannot be used; the message is a clause for a person ("it is not valid JSON"). */
export class UnusableProfilesFile extends Error {}

// ---- v0: the layout before versioning. Flat profiles, tenant and site as strings, no color. ----

const digits = z
  .string()
  .regex(/^\d{1,10}$/, 'expected a number written as digits')
  .transform(Number)

const v0ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  tenantId: digits,
  siteId: digits.optional(),
  env: z.string().optional(),
  region: z.string().optional(),
  baseUrl: z.string().optional(),
  clientId: z.string().default(''),
  accountId: z.number().optional(),
  responseFields: z.string().default(''),
  production: z.boolean().default(false),
})

const v0FileSchema = z.object({
  profiles: z.array(v0ProfileSchema),
  active: z.string().nullable().optional(),
})

function migrateV0ToV1(data: unknown): unknown {
  const v0 = parseOrExplain(v0FileSchema, data, 'the old (version 0) layout')
  return {
    version: 1,
    profiles: v0.profiles.map((p, i) => ({
      id: p.id,
      name: p.name,
      color: profilePalette[i % profilePalette.length],
      environment: {
        kind: p.baseUrl ? 'custom' : 'kibo',
        tenant: p.tenantId,
        ...(p.siteId !== undefined && { site: p.siteId }),
        ...(p.env !== undefined && { env: p.env }),
        ...(p.region !== undefined && { region: p.region }),
        ...(p.baseUrl !== undefined && { baseUrl: p.baseUrl }),
      },
      clientId: p.clientId,
      target: p.accountId !== undefined ? { accountId: p.accountId } : {},
      responseFields: p.responseFields,
      production: p.production,
    })),
    activeId: v0.active ?? null,
    recentIds: v0.active ? [v0.active] : [],
  }
}

interface Migration {
  from: number
  to: number
  migrate(data: unknown): unknown
}

/** In order; each step takes the output of the one before. Tests may pass their own list. */
export const profileMigrations: readonly Migration[] = [{ from: 0, to: 1, migrate: migrateV0ToV1 }]

function versionOf(data: unknown): number {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UnusableProfilesFile('it does not hold a JSON object')
  const version = (data as { version?: unknown }).version
  if (version === undefined) return 0
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0)
    throw new UnusableProfilesFile('its "version" field is not a whole number')
  return version
}

/** Turns parsed JSON of any known version into the current layout, or throws UnusableProfilesFile. */
export function upgradeStoredProfiles(
  data: unknown,
  migrations: readonly Migration[] = profileMigrations,
  currentVersion = CURRENT_PROFILES_VERSION,
): { stored: StoredProfiles; fromVersion: number } {
  const fromVersion = versionOf(data)
  if (fromVersion > currentVersion)
    throw new UnusableProfilesFile(
      `it was written by a newer version of Account Inspector (file format ${fromVersion}, this version reads up to ${currentVersion})`,
    )
  let version = fromVersion
  let current = data
  while (version < currentVersion) {
    const step = migrations.find((m) => m.from === version)
    if (!step) throw new UnusableProfilesFile(`there is no way to upgrade file format ${version}`)
    current = step.migrate(current)
    version = step.to
  }
  const stored = parseOrExplain(storedProfilesSchema, current, `file format ${currentVersion}`) as StoredProfiles
  return { stored: tidy(stored), fromVersion }
}

/** Drops dangling references rather than refusing a file over them. */
function tidy(stored: StoredProfiles): StoredProfiles {
  const ids = new Set(stored.profiles.map((p) => p.id))
  const recentIds = [...new Set(stored.recentIds)].filter((id) => ids.has(id)).slice(0, MAX_RECENT)
  return { ...stored, activeId: stored.activeId && ids.has(stored.activeId) ? stored.activeId : null, recentIds }
}

/** "profiles[2].environment.tenant" from zod's path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`
    return out ? `${out}.${String(key)}` : String(key)
  }, '')
}

function parseOrExplain<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = formatIssuePath(issue.path)
  throw new UnusableProfilesFile(`it does not match ${what}: ${where ? `${where}: ` : ''}${issue.message}`)
}
