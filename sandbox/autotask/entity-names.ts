/**
 * The singular name Autotask's messages give an entity: `TimeEntries` is "the TimeEntry Entity" (WYRE-AI/
 * autotask-mcp PR #282); the other plurals follow English the same way (unsourced: chosen by that example).
 */
export function singularName(entityName: string): string {
  if (entityName.endsWith('ies')) return `${entityName.slice(0, -3)}y`
  return entityName.endsWith('s') ? entityName.slice(0, -1) : entityName
}

/** An id in a URL: digits only (unsourced: chosen because ASP.NET binds the int64 `id` that way). */
export function pathId(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : undefined
}
