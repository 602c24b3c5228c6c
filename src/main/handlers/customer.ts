// The customer's 360, one section a call: live through the profile's Kibo client, or from a
// customer bundle opened from a file. Either way the renderer gets the same SectionView.
import type { SectionView } from '../../shared/customer360'
import { fail } from '../../shared/errors'
import type { Core } from '../core'
import type { Handlers } from '../dispatch'

type SectionQuery = Parameters<Handlers['customer.section']>[0]

/** What the bundles service offers, when the app has one: a section read from an opened bundle. */
interface BundleSections {
  readSection(query: SectionQuery, signal?: AbortSignal): Promise<SectionView>
}

export function customerHandlers(core: Core): Pick<Handlers, 'customer.section'> {
  const { inspector, operations } = core
  return {
    'customer.section': async (query, { signal }) => {
      const { source, operationId } = query
      if (source.kind === 'bundle') {
        const bundles = (core as Core & { bundles?: BundleSections }).bundles
        if (!bundles?.readSection) {
          fail('invalid-input', 'Sections cannot be read from a file in this version of the app.', {
            hint: 'Open the customer live from a profile instead.',
          })
        }
        return operations.run({ id: operationId, parent: signal }, (s) => bundles.readSection(query, s))
      }
      return operations.run({ id: operationId, profileId: source.profileId, parent: signal }, (s) =>
        inspector.readSection(source.profileId, query, s),
      )
    },
  }
}
