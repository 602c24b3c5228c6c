import { z } from 'zod'

/** App-wide preferences (not per profile). Non-secret by construction. */
export const settingsSchema = z.strictObject({
  /** How long one Kibo request may take before it fails as a timeout. */
  kiboTimeoutSeconds: z.number().int().min(5, 'At least 5 seconds.').max(300, 'At most 300 seconds.'),
  /**
   * Opened files from this size on (MB) are indexed, their accounts read back from disk when
   * shown, instead of held in memory. Absent: INDEX_FILES_FROM_MB (settings saved before it existed).
   */
  indexFilesFromMegabytes: z
    .number()
    .int('A whole number of MB.')
    .min(0, 'At least 0 MB (0 indexes every file).')
    .max(1024, 'At most 1024 MB: holding a larger file’s accounts takes several GB.')
    .optional(),
})
export type Settings = z.infer<typeof settingsSchema>

/** V8's longest string: no tool that parses a whole JSON file reads one this large. */
export const INDEX_FILES_FROM_MB = 512

export const defaultSettings: Settings = { kiboTimeoutSeconds: 30, indexFilesFromMegabytes: INDEX_FILES_FROM_MB }

/** The size in bytes from which an opened file is indexed rather than held. */
export function indexFromBytes(settings: Settings): number {
  return (settings.indexFilesFromMegabytes ?? INDEX_FILES_FROM_MB) * 1024 ** 2
}
