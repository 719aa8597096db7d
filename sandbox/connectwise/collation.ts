// Text compares as under the vendor's SQL Server collation (case-insensitive, accent-sensitive).

const collator = new Intl.Collator('en', { sensitivity: 'accent' })

export function compareText(a: string, b: string): number {
  return collator.compare(a, b)
}

export function foldCase(text: string): string {
  return text.toLowerCase()
}
