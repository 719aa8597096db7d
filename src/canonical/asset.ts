import { Type, type Static } from '@sinclair/typebox'
import { CustomFields, CustomFieldWrites } from './custom-field.js'
import { NonBlankLine, Nullable, RecordId, Ref, Remote, SingleLine, Timestamp } from './common.js'

export const Asset = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    customer: Nullable(Ref),
    type: Nullable(Ref),
    serialNumber: Nullable(Type.String()),
    manufacturer: Nullable(Type.String()),
    model: Nullable(Type.String()),
    status: Nullable(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    customFields: CustomFields,
    remote: Remote,
  },
  {
    $id: 'Asset',
    additionalProperties: false,
    examples: [
      {
        id: '431',
        name: 'NW-FRONTDESK-01',
        customer: { id: '12', name: 'Northwind Dental' },
        type: { id: 'Desktop', name: 'Desktop' },
        serialNumber: 'CZC1234XYZ',
        manufacturer: 'HP',
        model: 'EliteDesk 800 G6',
        status: null,
        createdAt: '2025-02-10T13:00:00.000Z',
        updatedAt: '2025-02-10T13:00:00.000Z',
        customFields: [],
      },
    ],
  },
)
export type Asset = Static<typeof Asset>

const assetWriteFields = {
  name: NonBlankLine({ minLength: 1, maxLength: 255 }),
  customerId: RecordId,
  typeId: NonBlankLine({ minLength: 1, maxLength: 100 }),
  serialNumber: Nullable(SingleLine({ maxLength: 255 })),
  manufacturer: Nullable(SingleLine({ maxLength: 255 })),
  model: Nullable(SingleLine({ maxLength: 255 })),
  customFields: CustomFieldWrites,
}

export const AssetCreate = Type.Object(
  {
    name: assetWriteFields.name,
    customerId: assetWriteFields.customerId,
    typeId: Type.Optional(assetWriteFields.typeId),
    serialNumber: Type.Optional(assetWriteFields.serialNumber),
    manufacturer: Type.Optional(assetWriteFields.manufacturer),
    model: Type.Optional(assetWriteFields.model),
    customFields: Type.Optional(assetWriteFields.customFields),
  },
  {
    $id: 'AssetCreate',
    additionalProperties: false,
    examples: [{ name: 'NW-FRONTDESK-02', customerId: '12', typeId: 'Desktop', serialNumber: 'CZC99' }],
  },
)
export type AssetCreate = Static<typeof AssetCreate>

export const AssetUpdate = Type.Partial(Type.Object(assetWriteFields), {
  $id: 'AssetUpdate',
  additionalProperties: false,
  minProperties: 1,
  examples: [{ serialNumber: 'CZC1234XYZ' }],
})
export type AssetUpdate = Static<typeof AssetUpdate>
