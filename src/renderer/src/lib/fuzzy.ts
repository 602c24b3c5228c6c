// Fuzzy matching for the command palette: the query's letters must appear in order in the text
// (a subsequence), and matches that start words or run together score higher, so "sw demo" finds
// "Switch to Demo tenant" ahead of a label that merely contains those letters somewhere.

export interface Command {
  id: string
  label: string
  group: string
  /** Shown at the right, e.g. a shortcut. */
  hint?: string
  /** Names the command answers to exactly (a view's name, "files"): typed in full, it ranks first. */
  names?: readonly string[]
  run: () => void
}

const matchPoint = 1
const wordStartBonus = 8
const firstCharBonus = 4
const consecutiveBonus = 5
const gapPenalty = 1
const maxGapPenalty = 4

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true
  const before = text[index - 1]
  const here = text[index]
  if (/[\s\-_/.:,()[\]]/.test(before)) return true
  // camelCase and letter→digit boundaries count as word starts too.
  if (/[a-z]/.test(before) && /[A-Z]/.test(here)) return true
  return /[A-Za-z]/.test(before) && /[0-9]/.test(here)
}

/**
 * How well `query` matches `text`: null when it does not (not a subsequence), otherwise a score,
 * higher is better. Case-insensitive; whitespace in the query is ignored. An empty query
 * matches everything with 0.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (q.length === 0) return 0
  const lower = text.toLowerCase()
  const n = text.length
  const m = q.length
  if (m > n) return null

  // best[j]: the best score of the query so far with its last letter matched at text[j].
  let best: (number | null)[] = new Array(n).fill(null)
  for (let j = 0; j < n; j++) {
    if (lower[j] !== q[0]) continue
    best[j] =
      matchPoint + (isWordStart(text, j) ? wordStartBonus : 0) + (j === 0 ? firstCharBonus : 0) - Math.min(j, maxGapPenalty) * gapPenalty
  }
  for (let i = 1; i < m; i++) {
    const next: (number | null)[] = new Array(n).fill(null)
    for (let j = i; j < n; j++) {
      if (lower[j] !== q[i]) continue
      let from: number | null = null
      for (let k = i - 1; k < j; k++) {
        const previous = best[k]
        if (previous === null) continue
        // Letters that run together score; a gap costs, but only up to a cap so long labels are
        // not punished without end.
        const step = k === j - 1 ? consecutiveBonus : -Math.min(j - k - 1, maxGapPenalty) * gapPenalty
        if (from === null || previous + step > from) from = previous + step
      }
      if (from !== null) next[j] = from + matchPoint + (isWordStart(text, j) ? wordStartBonus : 0)
    }
    best = next
  }
  let result: number | null = null
  for (const score of best) if (score !== null && (result === null || score > result)) result = score
  return result
}

/** Commands matching `query`, best first; ties keep the order they were given in. */
export function rankCommands(query: string, commands: readonly Command[]): Command[] {
  const scored: { command: Command; score: number; index: number }[] = []
  commands.forEach((command, index) => {
    const score = commandScore(query, command)
    if (score !== null) scored.push({ command, score, index })
  })
  scored.sort((a, b) => b.score - a.score || a.index - b.index)
  return scored.map((entry) => entry.command)
}

/**
 * The label counts most. Failing that, each word of the query may match the group or the label on
 * its own, so "profile demo" finds "Switch to Demo tenant" in Profiles; letters never straddle the
 * two, which would let nearly any short query match.
 */
const exactBonus = 1000

function commandScore(query: string, command: Command): number | null {
  const typed = query.trim().toLowerCase()
  if (typed && (command.label.toLowerCase() === typed || command.names?.some((n) => n.toLowerCase() === typed))) return exactBonus
  const label = fuzzyScore(query, command.label)
  if (label !== null) return label
  const words = query.split(/\s+/).filter(Boolean)
  let total = 0
  for (const word of words) {
    const best = Math.max(fuzzyScore(word, command.label) ?? -Infinity, fuzzyScore(word, command.group) ?? -Infinity)
    if (best === -Infinity) return null
    total += best
  }
  return total - 10
}

/** Groups ranked commands for display: a group appears where its best command ranks. */
export function groupCommands(commands: readonly Command[]): { group: string; commands: Command[] }[] {
  const groups: { group: string; commands: Command[] }[] = []
  for (const command of commands) {
    let entry = groups.find((g) => g.group === command.group)
    if (!entry) groups.push((entry = { group: command.group, commands: [] }))
    entry.commands.push(command)
  }
  return groups
}
