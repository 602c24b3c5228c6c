// The profile editor's form: what a person types (all text, nothing parsed) and the conversion to
// and from the ProfileInput that main accepts. Pure, so the rules (trimming, empty optional
// numbers, which fields belong to which environment kind) are tested without a DOM.
import { kiboEnvs, type kiboRegions, profileInputSchema, type Profile, type ProfileInput } from '../../../shared/profile'
import { DEMO_CLIENT_ID, DEMO_SITE, DEMO_TENANT } from '../../../shared/demo'
import { authHostOptions, isSandboxEnv, type AuthHostChoice, type AuthHostOption } from '../../../shared/kiboHosts'

export type EnvironmentKind = 'kibo' | 'custom' | 'demo'
export type KiboRegion = (typeof kiboRegions)[number]

export interface ProfileForm {
  /** Absent for a profile not yet saved. */
  id?: string
  name: string
  color: string
  kind: EnvironmentKind
  tenant: string
  site: string
  region: KiboRegion
  env: string
  baseUrl: string
  /** Which host issues application tokens for a Kibo environment. */
  authHost: AuthHostChoice
  authUrl: string
  masterCatalog: string
  catalog: string
  clientId: string
  accountId: string
  cartId: string
  userId: string
  responseFields: string
  production: boolean
}

export type FormField = Exclude<keyof ProfileForm, 'id'>
/** Issues per field; '' holds those that belong to no single field. */
export type FormErrors = Partial<Record<FormField | '', string>>

export const regionLabels: Record<KiboRegion, string> = {
  us: 'US (mozu.com)',
  usc1: 'US-C1 (usc1)',
  euw1: 'EU (euw1)',
}

export const kindLabels: Record<EnvironmentKind, string> = {
  kibo: 'Kibo',
  custom: 'Custom URL',
  demo: 'Built-in demo',
}

export const swatches = ['#2f7d6d', '#3b6fb6', '#b5563c', '#7a5bb0', '#a2841f', '#2f8fa3', '#b0487a', '#5f7a2e'] as const
/** What a screen reader says for each swatch. */
export const swatchNames: Record<(typeof swatches)[number], string> = {
  '#2f7d6d': 'Green',
  '#3b6fb6': 'Blue',
  '#b5563c': 'Rust',
  '#7a5bb0': 'Purple',
  '#a2841f': 'Ochre',
  '#2f8fa3': 'Teal',
  '#b0487a': 'Rose',
  '#5f7a2e': 'Olive',
}

/** The demo tenant built into the app (mirrors main's demo profile), offered when a person picks it. */
const demoDefaults = { tenant: String(DEMO_TENANT), site: String(DEMO_SITE), clientId: DEMO_CLIENT_ID }

export function envsFor(region: KiboRegion): readonly string[] {
  return kiboEnvs[region]
}

export function emptyForm(color: string = swatches[0]): ProfileForm {
  return {
    name: '',
    color,
    kind: 'kibo',
    tenant: '',
    site: '',
    region: 'us',
    env: kiboEnvs.us[0],
    baseUrl: '',
    authHost: 'home',
    authUrl: '',
    masterCatalog: '',
    catalog: '',
    clientId: '',
    accountId: '',
    cartId: '',
    userId: '',
    responseFields: '',
    production: false,
  }
}

const text = (value: number | string | undefined) => (value === undefined ? '' : String(value))

export function formFromProfile(profile: Profile): ProfileForm {
  const e = profile.environment
  const region = e.region ?? 'us'
  return {
    id: profile.id,
    name: profile.name,
    color: profile.color,
    kind: e.kind,
    tenant: text(e.tenant),
    site: text(e.site),
    region,
    env: e.env ?? kiboEnvs[region][0],
    baseUrl: e.baseUrl ?? '',
    authHost: e.authHost ?? 'home',
    authUrl: e.authUrl ?? '',
    masterCatalog: text(e.masterCatalog),
    catalog: text(e.catalog),
    clientId: profile.clientId,
    accountId: text(profile.target.accountId),
    cartId: profile.target.cartId ?? '',
    userId: profile.target.userId ?? '',
    responseFields: profile.responseFields,
    production: profile.production,
  }
}

/** The auth hosts Kibo documents for the form's region, environment and tenant. */
export function authHostChoices(form: ProfileForm): AuthHostOption[] {
  return authHostOptions(form.region, form.env, /^\d+$/.test(form.tenant.trim()) ? form.tenant.trim() : '')
}

/** Whether the form's environment is a live tenant's: a Kibo pod other than a sandbox. The
 *  Production mark follows this until the person sets it themselves. */
export function productionByEnvironment(form: ProfileForm): boolean {
  return form.kind === 'kibo' && !isSandboxEnv(form.env)
}

/** What an empty auth URL means, in a person's words, for the form as it stands. */
export function authUrlMeaning(form: ProfileForm): string {
  if (form.kind === 'custom') {
    const base = form.baseUrl.trim()
    return `Empty: the base URL issues application tokens (tenant-host auth)${base ? `, ${base}` : ''}.`
  }
  if (form.kind === 'kibo') {
    const chosen = authHostChoices(form).find((o) => o.value === form.authHost)
    return `Empty: the auth host chosen above issues application tokens${chosen ? `, ${chosen.url}` : ''}.`
  }
  return 'The built-in demo issues its own tokens.'
}

/** A new region keeps the environment when the region has it, else takes the region's first. */
export function withRegion(form: ProfileForm, region: KiboRegion): ProfileForm {
  const envs = envsFor(region)
  return { ...form, region, env: envs.includes(form.env) ? form.env : envs[0] }
}

/** Switching to the demo fills in its tenant and client when those are still empty. */
export function withKind(form: ProfileForm, kind: EnvironmentKind): ProfileForm {
  if (kind !== 'demo') return { ...form, kind }
  return {
    ...form,
    kind,
    tenant: form.tenant.trim() || demoDefaults.tenant,
    site: form.site.trim() || demoDefaults.site,
    clientId: form.clientId.trim() || demoDefaults.clientId,
  }
}

const numericFields = ['tenant', 'site', 'masterCatalog', 'catalog', 'accountId'] as const
type NumericField = (typeof numericFields)[number]

/** '' → undefined; digits → a number; anything else → NaN, which validation reports by field. */
function toNumber(value: string): number | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

const optionalText = (value: string) => value.trim() || undefined

/** The form as ProfileInput, before validation: fields of other environment kinds are dropped. */
export function formToInput(form: ProfileForm): ProfileInput {
  const environment: ProfileInput['environment'] = {
    kind: form.kind,
    tenant: toNumber(form.tenant) as number,
    site: toNumber(form.site),
  }
  if (form.kind === 'kibo') {
    environment.region = form.region
    environment.env = optionalText(form.env)
    if (form.authHost !== 'home') environment.authHost = form.authHost
    environment.authUrl = optionalText(form.authUrl)
  }
  if (form.kind === 'custom') {
    environment.baseUrl = optionalText(form.baseUrl)
    environment.authUrl = optionalText(form.authUrl)
  }
  environment.masterCatalog = toNumber(form.masterCatalog)
  environment.catalog = toNumber(form.catalog)

  const target: ProfileInput['target'] = {
    accountId: toNumber(form.accountId),
    cartId: optionalText(form.cartId),
    userId: optionalText(form.userId),
  }
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    color: form.color.trim().toLowerCase(),
    environment: dropUndefined(environment),
    clientId: form.clientId.trim(),
    target: dropUndefined(target),
    responseFields: form.responseFields.trim(),
    production: form.production,
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

const numberMessages: Record<NumericField, string> = {
  tenant: 'The tenant is a number, such as 12345.',
  site: 'The site is a number, such as 67890.',
  masterCatalog: 'The master catalog is a number, such as 1.',
  catalog: 'The catalog is a number, such as 1.',
  accountId: 'The account id is a number.',
}

/** Where a zod issue belongs in the form, by its path in ProfileInput. */
export function fieldForIssuePath(path: readonly PropertyKey[]): FormField | '' {
  const [first, second] = path
  if (first === 'environment') {
    if (second === undefined || second === 'kind') return 'kind'
    return isFormField(second) ? second : ''
  }
  if (first === 'target') return second !== undefined && isFormField(second) ? second : 'accountId'
  return first !== undefined && isFormField(first) ? first : ''
}

const formFields = new Set<string>(Object.keys(emptyForm()))
function isFormField(key: PropertyKey): key is FormField {
  return typeof key === 'string' && formFields.has(key)
}

export type FormResult = { ok: true; input: ProfileInput } | { ok: false; errors: FormErrors }

/** Validates with the same schema main uses, and places each issue under its field. */
export function validateForm(form: ProfileForm): FormResult {
  const input = formToInput(form)
  const errors: FormErrors = {}
  for (const field of numericFields) {
    const value = toNumber(form[field])
    if (value !== undefined && Number.isNaN(value)) errors[field] = numberMessages[field]
  }
  if (form.tenant.trim() === '') errors.tenant = 'Enter the tenant number.'

  const parsed = profileInputSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForIssuePath(issue.path)
      // The first message per field is enough; our number messages read better than zod's.
      errors[field] ??= issue.message
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, input: parsed.success ? parsed.data : input }
}

/** Whether two forms differ in anything a person could have changed. */
export function formsDiffer(a: ProfileForm, b: ProfileForm): boolean {
  return JSON.stringify(formToInput(a)) !== JSON.stringify(formToInput(b))
}
