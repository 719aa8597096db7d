import { afterAll, beforeAll } from 'vitest'
import { AutotaskDatabase } from '../../../sandbox/autotask/database.js'
import { startAutotaskEngine, type AutotaskEngine } from '../../../sandbox/autotask/engine.js'
import {
  EntityError,
  type DataType,
  type EntityDefinition,
  type FieldDefinition,
  type Row,
} from '../../../sandbox/autotask/entities/entity.js'
import { resolveAutotaskOptions, type AutotaskEmulatorOptions } from '../../../sandbox/autotask/options.js'
import { callJson, type CallResult } from '../http.js'

// The emulator's engine over two tiny entities of the test's own (Widgets, and their Notes under them), so the
// routes, the query language and the paging are tested apart from the seeded Autotask entities.

export function field(
  name: string,
  dataType: DataType,
  more: Partial<FieldDefinition> = {},
): FieldDefinition {
  return {
    name,
    dataType,
    length: dataType === 'string' ? 100 : 0,
    isRequired: false,
    isReadOnly: false,
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: false,
    picklistValues: null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
    ...more,
  }
}

const WIDGET_FIELDS = [
  field('id', 'long', { isReadOnly: true }),
  field('name', 'string', { isRequired: true }),
  field('status', 'integer'),
  field('weight', 'double'),
  field('isActive', 'boolean'),
  field('createDate', 'datetime', { isReadOnly: true }),
  field('serial', 'string'),
  field('secretNotes', 'string', { isQueryable: false }),
]
const NOTE_FIELDS = [field('id', 'long'), field('widgetID', 'long'), field('text', 'string')]
const UDFS = [field('Colour', 'string')]

const info = (name: string, creatable: boolean) => ({
  name,
  canCreate: creatable,
  canDelete: false,
  canQuery: true,
  canUpdate: creatable,
  hasUserDefinedFields: name === 'Widgets',
  supportsWebhookCallouts: false,
})

export interface EngineUnderTest {
  engine: AutotaskEngine
  widgets: Map<number, Row>
  notes: Map<number, Row>
  /** A request to the zone's API with the API user's credentials unless `headers` replaces them. */
  call(
    path: string,
    options?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<CallResult>
  credentials(): { UserName: string; Secret: string; ApiIntegrationCode: string }
}

export function widget(id: number, more: Partial<Row> = {}): Row {
  return {
    id,
    name: `Widget ${id}`,
    status: id % 3,
    weight: id / 2,
    isActive: id % 2 === 0,
    createDate: new Date(Date.UTC(2026, 0, id)).toISOString(),
    serial: id % 2 === 0 ? `S-${id}` : null,
    secretNotes: null,
    userDefinedFields: [{ name: 'Colour', value: id % 2 === 0 ? 'Red' : 'Blue' }],
    ...more,
  }
}

export async function startEngine(
  count = 12,
  options: AutotaskEmulatorOptions = {},
): Promise<EngineUnderTest> {
  const widgets = new Map<number, Row>()
  for (let id = 1; id <= count; id++) widgets.set(id, widget(id))
  const notes = new Map<number, Row>([
    [1, { id: 1, widgetID: 1, text: 'first' }],
    [2, { id: 2, widgetID: 1, text: 'second' }],
    [3, { id: 3, widgetID: 2, text: 'other' }],
  ])
  const Widgets: EntityDefinition = {
    name: 'Widgets',
    info: info('Widgets', true),
    fields: () => WIDGET_FIELDS,
    userDefinedFields: () => UDFS,
    rows: () => widgets,
    create: (_db, body) => {
      if (typeof body.name !== 'string') throw new EntityError(500, ['name is required'])
      const id = Math.max(0, ...widgets.keys()) + 1
      const row = widget(id, { name: body.name })
      widgets.set(id, row)
      return row
    },
    update: (_db, body) => {
      const row = widgets.get(body.id as number)
      if (!row) throw new EntityError(404, ['no such widget'])
      Object.assign(row, body)
      return row
    },
  }
  const WidgetNotes: EntityDefinition = {
    name: 'WidgetNotes',
    info: info('WidgetNotes', true),
    fields: () => NOTE_FIELDS,
    rows: () => notes,
    parent: { entity: 'Widgets', idField: 'widgetID', childPath: 'Notes' },
    create: (_db, body, parentId) => {
      const row = { id: notes.size + 1, widgetID: parentId, text: body.text }
      notes.set(row.id, row)
      return row
    },
  }
  const settings = resolveAutotaskOptions({
    rateLimit: { limit: 100_000, windowMs: 60_000 },
    thresholdLatencyMs: { half: 0, threeQuarters: 0 },
    ...options,
  })
  const engine = await startAutotaskEngine(settings, emptyDatabase(), [Widgets, WidgetNotes])
  const user = engine.apiUsers[0]!
  const credentials = () => ({
    UserName: user.userName,
    Secret: user.secret,
    ApiIntegrationCode: user.integrationCode,
  })
  return {
    engine,
    widgets,
    notes,
    credentials,
    call: (path, { method = 'GET', body, headers } = {}) =>
      callJson(path.startsWith('http') ? path : `${engine.baseUrl}${path}`, {
        method,
        body,
        headers: headers ?? credentials(),
      }),
  }
}

/** One engine for the test file. */
export function useEngine(count?: number, options?: AutotaskEmulatorOptions): { current: EngineUnderTest } {
  const holder = {} as { current: EngineUnderTest }
  beforeAll(async () => {
    holder.current = await startEngine(count, options)
  })
  afterAll(() => holder.current?.engine.close())
  return holder
}

function emptyDatabase(): AutotaskDatabase {
  return new AutotaskDatabase({
    tickets: [],
    ticketNotes: [],
    companies: [],
    contacts: [],
    configurationItems: [],
    resources: [],
    timeEntries: [],
    roles: [],
    resourceRoles: [],
    billingCodes: [],
    products: [],
    picklists: {},
    userDefinedFields: {},
    apiResourceID: 1,
  })
}
