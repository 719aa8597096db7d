import type { CustomFieldDefinition, CustomFieldResource } from '../../src/canonical/custom-field.js'
import type { CallContext } from '../types.js'
import type { ConnectWiseApi } from './api.js'
import { customFieldDefinitionFromConnectWise } from './custom-fields.js'
import type { CwCustomFieldValue, CwUserDefinedField } from './types.js'

type Cached = <T>(name: string, load: () => Promise<T>) => Promise<T>

const SAMPLED: Record<CustomFieldResource, string> = {
  tickets: '/service/tickets',
  customers: '/company/companies',
  assets: '/company/configurations',
  contacts: '/company/contacts',
}

/**
 * A resource's custom field definitions. `/system/userDefinedFields` lists every screen's, but no public source
 * says which screen is a ticket's, a company's or a configuration's (a contact's is `ct300`). A record lists every
 * field of its screen, unset ones null (amp-labs/connectors providers/connectwise/custom.go: "It is guaranteed that
 * all custom fields will be returned even if they are empty", and a captured new contact), so the first record of
 * a resource says which definitions are its own, in their order. A resource with no record yet has none.
 */
export function connectWiseCustomFieldDefinitions(api: ConnectWiseApi, cached: Cached) {
  const everyScreen = (ctx: CallContext) =>
    cached('user-defined-fields', () => api.all<CwUserDefinedField>('/system/userDefinedFields', ctx))
  return (resource: CustomFieldResource, ctx: CallContext): Promise<CustomFieldDefinition[]> =>
    cached(`custom-fields:${resource}`, async () => {
      const sample = await api.first<{ customFields?: CwCustomFieldValue[] }>(
        SAMPLED[resource],
        'id > 0',
        ctx,
        resource,
      )
      const ids = (sample?.customFields ?? []).map((field) => field.id)
      if (ids.length === 0) return []
      const byId = new Map((await everyScreen(ctx)).map((definition) => [definition.id, definition]))
      return ids.flatMap((id) => {
        const definition = byId.get(id)
        const canonical = definition && customFieldDefinitionFromConnectWise(definition)
        return canonical ? [canonical] : []
      })
    })
}
