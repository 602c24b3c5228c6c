import { z } from 'zod'
import { MAX_INT32 } from './int32'

// Kibo's environments, per the servers list of Kibo's Customer API document.
export const kiboRegions = ['us', 'usc1', 'euw1'] as const
export const kiboEnvs = {
  us: ['sandbox', 'tp1', 'tp2', 'tp3', 'tp4', 'tp5', 'stg1', 'stg2'],
  usc1: ['sb', 'tp1', 'tp2', 'tp3', 'tp4', 'tp5', 'stg2'],
  euw1: ['sb', 'tp1'],
} as const

const positiveId = z.number().int().positive().max(MAX_INT32)

export const environmentSchema = z
  .object({
    /** 'kibo': a Kibo host built from tenant, site, env and region; 'custom': an explicit base URL;
     *  'demo': the emulator built into the app. */
    kind: z.enum(['kibo', 'custom', 'demo']),
    tenant: positiveId,
    site: positiveId.optional(),
    env: z
      .string()
      .regex(/^[a-z0-9]{2,10}$/, 'env is a short lower-case name such as sandbox or tp1')
      .optional(),
    region: z.enum(kiboRegions).optional(),
    /** For 'custom': the API base, ending in /api. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** The host that issues application tickets, ending in /api. For 'custom' it defaults to baseUrl;
     *  for 'kibo' it overrides the authHost choice. */
    authUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** For 'kibo': the region's home host (default) or the tenant's own host in its environment. */
    authHost: z.enum(['home', 'tenant']).optional(),
    masterCatalog: positiveId.optional(),
    catalog: positiveId.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.kind === 'kibo') {
      if (!e.env) ctx.addIssue({ code: 'custom', path: ['env'], message: 'Choose an environment (sandbox, tp1, …).' })
      if (!e.region) ctx.addIssue({ code: 'custom', path: ['region'], message: 'Choose a region.' })
      else if (e.env && !(kiboEnvs[e.region] as readonly string[]).includes(e.env))
        ctx.addIssue({ code: 'custom', path: ['env'], message: `${e.env} is not an environment of region ${e.region}.` })
    }
    if (e.kind === 'custom' && !e.baseUrl)
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'A custom environment needs a base URL.' })
  })

export type Environment = z.infer<typeof environmentSchema>

export const impersonationTargetSchema = z.object({
  accountId: positiveId.optional(),
  cartId: z.string().trim().min(1).max(200).optional(),
  userId: z.string().trim().min(1).max(200).optional(),
})
export type ImpersonationTarget = z.infer<typeof impersonationTargetSchema>

export const profileSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Give the profile a name.').max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A color is #rrggbb.'),
  environment: environmentSchema,
  clientId: z.string().trim().max(200),
  target: impersonationTargetSchema,
  responseFields: z.string().max(4000),
  production: z.boolean(),
})
export type Profile = z.infer<typeof profileSchema>

/** What the renderer sends to create or edit a profile; `id` absent means create. */
export const profileInputSchema = profileSchema.extend({ id: z.string().min(1).max(64).optional() })
export type ProfileInput = z.infer<typeof profileInputSchema>

/** A profile file as exported: never a secret in it. */
export const profileFileSchema = z.object({
  format: z.literal('account-inspector-profiles'),
  version: z.literal(1),
  profiles: z.array(profileSchema.omit({ id: true })).max(1000),
})
export type ProfileFile = z.infer<typeof profileFileSchema>
