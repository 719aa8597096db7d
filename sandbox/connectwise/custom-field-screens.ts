// Which custom field definitions (`/system/userDefinedFields`, by `screenId`) each resource's records carry.
// `ct300` "Contact" is ConnectWise's own (amp-labs/connectors providers/connectwise/test/custom-fields/
// definitions.json, captured from a ConnectWise sandbox); no public source shows the screen ids of tickets,
// companies and configurations, so those three are the emulator's own, named in the same pattern.

export interface CustomFieldScreen {
  screenId: string
  screenDescription: string
}

export const CUSTOM_FIELD_SCREENS = {
  ticket: { screenId: 'sr100', screenDescription: 'Service Ticket' },
  company: { screenId: 'cp100', screenDescription: 'Company' },
  configuration: { screenId: 'cf100', screenDescription: 'Configuration' },
  contact: { screenId: 'ct300', screenDescription: 'Contact' },
} as const satisfies Record<string, CustomFieldScreen>

export type CustomFieldResource = keyof typeof CUSTOM_FIELD_SCREENS
