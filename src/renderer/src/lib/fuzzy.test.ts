import { describe, expect, it } from 'vitest'
import { fuzzyScore, groupCommands, rankCommands, type Command } from './fuzzy'

const command = (id: string, label: string, group = 'General'): Command => ({ id, label, group, run: () => {} })
const ids = (commands: Command[]) => commands.map((c) => c.id)

describe('fuzzyScore', () => {
  it('matches a subsequence and refuses letters out of order or missing', () => {
    expect(fuzzyScore('exp', 'Export profiles')).not.toBeNull()
    expect(fuzzyScore('epf', 'Export profiles')).not.toBeNull()
    expect(fuzzyScore('pxe', 'Export profiles')).toBeNull()
    expect(fuzzyScore('exportz', 'Export profiles')).toBeNull()
    expect(fuzzyScore('a longer query than text', 'short')).toBeNull()
  })

  it('ignores case and whitespace in the query', () => {
    expect(fuzzyScore('EXPORT', 'export profiles')).toBe(fuzzyScore('export', 'Export Profiles'))
    expect(fuzzyScore('sw demo', 'Switch to Demo tenant')).toBe(fuzzyScore('swdemo', 'Switch to Demo tenant'))
  })

  it('gives every text 0 for an empty query', () => {
    expect(fuzzyScore('', 'anything')).toBe(0)
    expect(fuzzyScore('   ', 'anything')).toBe(0)
  })

  it('prefers letters that start words', () => {
    const wordStarts = fuzzyScore('ip', 'Import profiles')!
    const inside = fuzzyScore('ip', 'Clip board')!
    expect(wordStarts).toBeGreaterThan(inside)
    // camelCase boundaries are word starts as well.
    expect(fuzzyScore('ra', 'responseAccount')!).toBeGreaterThan(fuzzyScore('ra', 'rxxxxxxxa')!)
  })

  it('prefers letters that run together over scattered ones', () => {
    expect(fuzzyScore('abc', 'xabcx')!).toBeGreaterThan(fuzzyScore('abc', 'xaxbxcx')!)
    expect(fuzzyScore('ant', 'Tenant')!).toBeGreaterThan(fuzzyScore('ant', 'Tearing tomato')!)
  })

  it('finds the best alignment, not the first one', () => {
    // A greedy match would take the "d" of "Add" and miss the word start of "Demo".
    expect(fuzzyScore('demo', 'Add Demo')).toBe(fuzzyScore('demo', 'Xyz Demo'))
  })
})

describe('rankCommands', () => {
  const commands = [
    command('search', 'Search accounts', 'Accounts'),
    command('switch-demo', 'Switch to Demo tenant', 'Profiles'),
    command('switch-prod', 'Switch to Production EU', 'Profiles'),
    command('export', 'Export profiles', 'Profiles'),
    command('theme', 'Toggle theme', 'View'),
  ]

  it('keeps the given order for an empty query', () => {
    expect(ids(rankCommands('', commands))).toEqual(ids(commands))
  })

  it('drops commands that do not match and puts the best first', () => {
    expect(ids(rankCommands('sw demo', commands))).toEqual(['switch-demo'])
    expect(ids(rankCommands('export', commands))[0]).toBe('export')
    expect(ids(rankCommands('zzz', commands))).toEqual([])
  })

  it('ranks a command whose name is typed in full first, ahead of its group-mates', () => {
    const palette = [
      command('export', 'Export accounts…', 'Files'),
      command('open', 'Open an exported file…', 'Files'),
      { ...command('mode-files', 'Show Files', 'Views'), names: ['files'] },
      { ...command('view-audit', 'Show the audit trail', 'Views'), names: ['audit'] },
      command('audit-export', 'Audit log export', 'Files'),
    ]
    expect(ids(rankCommands('files', palette))[0]).toBe('mode-files')
    expect(ids(rankCommands(' Audit ', palette))[0]).toBe('view-audit')
  })

  it('keeps the given order for equal scores', () => {
    const same = [command('b', 'Open file'), command('a', 'Open file'), command('c', 'Open file')]
    expect(ids(rankCommands('open', same))).toEqual(['b', 'a', 'c'])
  })

  it('matches through the group name, below label matches', () => {
    const ranked = ids(rankCommands('profiles', commands))
    expect(ranked[0]).toBe('export') // the label itself says "profiles"
    expect(ranked).toContain('switch-demo')
    expect(ranked).not.toContain('theme')
    // One word for the group, one for the label.
    expect(ids(rankCommands('profile demo', commands))).toEqual(['switch-demo'])
  })

  it('does not let one word straddle the group and the label', () => {
    // "Profiles Switch to Fresh" holds r-e-f-r, but neither part does on its own.
    const fresh = command('fresh', 'Switch to Fresh', 'Profiles')
    expect(ids(rankCommands('refr', [fresh, command('refresh', 'Refresh the ticket')]))).toEqual(['refresh'])
  })
})

describe('groupCommands', () => {
  it('groups in the order each group first appears, keeping the order inside', () => {
    const list = [command('1', 'a', 'B'), command('2', 'b', 'A'), command('3', 'c', 'B')]
    expect(groupCommands(list).map((g) => [g.group, ids(g.commands)])).toEqual([
      ['B', ['1', '3']],
      ['A', ['2']],
    ])
  })
})
