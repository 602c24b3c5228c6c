// The request log as the renderer sees it: every Kibo call of the session for one profile, with
// every token and secret already replaced by a placeholder in main.
import { z } from 'zod'

export interface RequestLogEntry {
  /** Errors carry this id (AppError.requestId), so a banner can open its entry. */
  id: string
  profileId: string
  /** ISO time the request was sent. */
  time: string
  /** What the app was doing, in a person's words: "Impersonating the cart". */
  action: string
  attempt: number
  method: string
  /** With its query; secret parameters hold placeholders such as $KIBO_REFRESH_TOKEN. */
  url: string
  /** null when no answer came (see problem). */
  status: number | null
  /** Why no answer came: timeout, reset, refused, dns, tls, network, cancelled, too-large. */
  problem: string | null
  durationMs: number
  responseBytes: number
  correlationId: string | null
  requestHeaders: Record<string, string>
  responseHeaders: Record<string, string>
  /** The JSON sent, secrets replaced; null when there was no body. Response bodies are never kept. */
  requestBody: string | null
  /** The request as a cURL command with $KIBO_TOKEN where the token was. */
  curl: string
}

export interface RequestLogNote {
  time: string
  message: string
}

export interface RequestLogPage {
  /** Newest first. */
  entries: RequestLogEntry[]
  /** Entries held for the profile before filtering. */
  total: number
  /** How many entries a profile's log keeps; older ones are dropped. */
  capacity: number
  /** Things about Kibo's answers worth knowing, e.g. a token lifetime the app did not trust. */
  notes: RequestLogNote[]
}

export const requestLogQuerySchema = z.strictObject({
  profileId: z.string().min(1).max(64),
  /** Matches method, URL, action, status and correlation id (case-insensitive). */
  text: z.string().max(200).optional(),
  /** Only calls that failed: no answer, or a status of 400 or more. */
  failuresOnly: z.boolean().optional(),
})
export type RequestLogQuery = z.infer<typeof requestLogQuerySchema>
