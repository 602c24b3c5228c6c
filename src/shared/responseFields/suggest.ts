// "Did you mean" for field names, shared by the responseFields validator and the account filter.

/** Edit distance (insert, delete, substitute), two rows at a time. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let previous = new Array<number>(b.length + 1)
  let current = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]
}

/**
 * The candidate the user most likely meant: a case-insensitive match first, then the closest
 * by edit distance (close enough to be a typo), then one that starts with what was typed.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const sameIgnoringCase = candidates.find((candidate) => candidate.toLowerCase() === lower)
  if (sameIgnoringCase !== undefined) return sameIgnoringCase
  const limit = Math.max(1, Math.floor(name.length / 3))
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = levenshtein(lower, candidate.toLowerCase())
    if (distance <= limit && distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== undefined) return best
  if (lower.length >= 3) return candidates.find((candidate) => candidate.toLowerCase().startsWith(lower))
  return undefined
}
