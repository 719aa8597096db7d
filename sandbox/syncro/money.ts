/**
 * Money as Syncro's answers write it: a decimal text with at least one decimal, `"0.0"`, `"187.5"` (the spec's
 * invoice example; Ruby's BigDecimal#to_s('F')), to the cent.
 */
export function decimalText(amount: number): string {
  const text = String(Math.round(amount * 100) / 100)
  return text.includes('.') ? text : `${text}.0`
}
