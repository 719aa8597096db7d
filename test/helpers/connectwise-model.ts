/** ConnectWise's Priority model: `color` is one of these enum names (connectwise-rest 1.3.0's generated ManageTypes). */
export const CONNECTWISE_PRIORITY_COLORS = [
  'Black',
  'Blue',
  'Cyan',
  'Gray',
  'Green',
  'Lime',
  'Orange',
  'Pink',
  'Purple',
  'Red',
  'White',
  'Yellow',
  'Custom',
]
