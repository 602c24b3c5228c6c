import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { profileGone } from './profileGone'

describe('profileGone', () => {
  it('throws the not-found failure with what happened and what to do', () => {
    let thrown: unknown
    try {
      profileGone()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppFailure)
    expect((thrown as AppFailure).error).toMatchObject({
      kind: 'not-found',
      message: 'That profile no longer exists.',
      hint: 'It may have been removed in another window. Choose another profile.',
    })
  })
})
