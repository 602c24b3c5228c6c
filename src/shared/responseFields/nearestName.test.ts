// "Did you mean": the field a person most likely meant when a name is not in Kibo's schema.
import { describe, expect, it } from 'vitest'
import { levenshtein, nearestName } from './suggest'

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('', '')).toBe(0)
    expect(levenshtein('abc', 'abc')).toBe(0)
    expect(levenshtein('', 'abc')).toBe(3)
    expect(levenshtein('abc', '')).toBe(3)
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('sitting', 'kitten')).toBe(3)
    expect(levenshtein('flaw', 'lawn')).toBe(2)
    expect(levenshtein('emailAddress', 'emailAdress')).toBe(1)
    expect(levenshtein('ab', 'ba')).toBe(2)
  })
})

describe('nearestName', () => {
  const fields = ['emailAddress', 'firstName', 'lastName', 'userName', 'id', 'isActive', 'segments']

  it('prefers the same name in another case', () => {
    expect(nearestName('EMAILADDRESS', fields)).toBe('emailAddress')
    expect(nearestName('ID', ['idx', 'Id', 'id'])).toBe('Id')
  })

  it('takes the closest name within a typo of it (a third of its length)', () => {
    expect(nearestName('emailAdress', fields)).toBe('emailAddress')
    expect(nearestName('lastNmae', fields)).toBe('lastName')
    // Equally close candidates: the first one listed wins.
    expect(nearestName('xName', ['aName', 'bName'])).toBe('aName')
    // Closer beats earlier.
    expect(nearestName('fistName', ['lastName', 'firstName'])).toBe('firstName')
  })

  it('does not call a different word a typo', () => {
    expect(nearestName('zzzzzz', fields)).toBeUndefined()
    // Two edits in a six-letter name is the limit; three is a different word.
    expect(nearestName('abcdef', ['abcdxy'])).toBe('abcdxy')
    expect(nearestName('abcdef', ['abcxyz'])).toBeUndefined()
    // Short names still allow one edit.
    expect(nearestName('ix', ['id'])).toBe('id')
  })

  it('falls back to a name that starts with what was typed, from three letters on', () => {
    expect(nearestName('seg', fields)).toBe('segments')
    expect(nearestName('SEG', fields)).toBe('segments')
    expect(nearestName('se', ['segments'])).toBeUndefined()
    expect(nearestName('qqq', fields)).toBeUndefined()
  })
})
