import { z } from 'zod'

/** App-wide preferences (not per profile). Non-secret by construction. */
export const settingsSchema = z.strictObject({
  /** How long one Kibo request may take before it fails as a timeout. */
  kiboTimeoutSeconds: z.number().int().min(5, 'At least 5 seconds.').max(300, 'At most 300 seconds.'),
})
export type Settings = z.infer<typeof settingsSchema>

export const defaultSettings: Settings = { kiboTimeoutSeconds: 30 }
