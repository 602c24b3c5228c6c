// The one answer for a profile id that names nothing (removed, perhaps in another window): the
// store, the handlers and the inspector all throw it, so a person sees the same words everywhere.
import { fail } from '../../shared/errors'

export function profileGone(): never {
  return fail('not-found', 'That profile no longer exists.', {
    hint: 'It may have been removed in another window. Choose another profile.',
  })
}
