// Fixed vocabulary the seed draws from. All names are fictional; domains use the reserved `.example` TLD and
// phone numbers the 555-01xx range reserved for fiction.

export const DEFAULT_TICKET_STATUSES = [
  'New',
  'In Progress',
  'Resolved',
  'Invoiced',
  'Waiting for Parts',
  'Waiting on Customer',
  'Scheduled',
  'Customer Reply',
]

export const TECHNICIANS = [
  { full_name: 'Alex Morgan', group: 'Admins', admin: true, color: '1e3e96' },
  { full_name: 'Priya Shah', group: 'Technicians', admin: false, color: '55b932' },
  { full_name: 'Daniel Okafor', group: 'Technicians', admin: false, color: 'c0392b' },
  { full_name: 'Maria Lopez', group: 'Technicians', admin: false, color: '8e44ad' },
  { full_name: 'Tom Becker', group: 'Technicians', admin: false, color: 'd68910' },
]

export const MSP_DOMAIN = 'brightpath-it.example'

export const TICKET_TYPE_NAMES = ['Hardware', 'Software', 'Network', 'User Onboarding']

export const ASSET_TYPE_NAMES = ['Desktop', 'Laptop', 'Server', 'Printer', 'Network Device']

export const BUSINESS_NAMES = [
  'Acme Dental Group',
  'Bluewater Logistics',
  'Cedar Ridge Law',
  'Summit Physical Therapy',
  'Harbor Light Insurance',
  'Northwind Traders',
  'Oakline Architects',
  'Pinecrest Veterinary',
  'Redstone Accounting',
  'Silverleaf Realty',
  'Tidewater Marine Supply',
  'Upland Farms Co-op',
  'Valley View Clinic',
  'Westgate Auto Repair',
  'Brightside Bakery',
  'Copperfield Printing',
  'Evergreen Landscaping',
  'Fairmont Hotel Group',
  'Granite State Roofing',
  'Hillcrest Pharmacy',
  'Ironwood Fitness',
  'Juniper Family Dentistry',
  'Keystone Engineering',
  'Lakeshore Yacht Club',
  'Maple Street Montessori',
  'Nimbus Software Labs',
  'Orchard Lane Winery',
  'Prairie Wind Energy',
  'Quarry Hill Quarry',
  'Riverbend Chiropractic',
  'Sunset Florists',
  'Trailhead Outfitters',
]

export const FIRST_NAMES = [
  'James',
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Ethan',
  'Sophia',
  'Lucas',
  'Mia',
  'Mason',
  'Isabella',
  'Logan',
  'Amelia',
  'Elijah',
  'Harper',
  'Aiden',
  'Evelyn',
  'Carlos',
  'Grace',
  'Hiroshi',
  'Fatima',
  'Dmitri',
  'Aisha',
]

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Nguyen',
  'Kowalski',
  "O'Brien",
  'Schmidt',
  'Tanaka',
  'Haddad',
]

export const CITIES = [
  { city: 'Portland', state: 'OR', zip: '97205', area: '503' },
  { city: 'Eugene', state: 'OR', zip: '97401', area: '541' },
  { city: 'Seattle', state: 'WA', zip: '98101', area: '206' },
  { city: 'Tacoma', state: 'WA', zip: '98402', area: '253' },
  { city: 'Boise', state: 'ID', zip: '83702', area: '208' },
  { city: 'Sacramento', state: 'CA', zip: '95814', area: '916' },
]

export const STREET_NAMES = ['Main St', 'Oak Ave', 'Pine St', 'Cedar Blvd', 'Lake Dr', 'Market St', 'Elm Ct']

export const CUSTOMER_REFERRALS = ['Google', 'Referral', 'Yelp', 'Trade show', null, null, null]

interface AssetModel {
  manufacturer: string
  model: string
  extra: Record<string, string>
}

export const ASSET_MODELS: Record<string, AssetModel[]> = {
  Desktop: [
    {
      manufacturer: 'Dell',
      model: 'OptiPlex 7010',
      extra: { 'Operating System': 'Windows 11 Pro', RAM: '16 GB' },
    },
    {
      manufacturer: 'HP',
      model: 'EliteDesk 800 G9',
      extra: { 'Operating System': 'Windows 11 Pro', RAM: '32 GB' },
    },
    {
      manufacturer: 'Lenovo',
      model: 'ThinkCentre M70q',
      extra: { 'Operating System': 'Windows 10 Pro', RAM: '8 GB' },
    },
  ],
  Laptop: [
    {
      manufacturer: 'Lenovo',
      model: 'ThinkPad T14 Gen 4',
      extra: { 'Operating System': 'Windows 11 Pro', RAM: '16 GB' },
    },
    {
      manufacturer: 'Dell',
      model: 'Latitude 5440',
      extra: { 'Operating System': 'Windows 11 Pro', RAM: '16 GB' },
    },
    {
      manufacturer: 'Apple',
      model: 'MacBook Air M2',
      extra: { 'Operating System': 'macOS 14', RAM: '8 GB' },
    },
  ],
  Server: [
    {
      manufacturer: 'Dell',
      model: 'PowerEdge R650',
      extra: { 'Operating System': 'Windows Server 2022', RAM: '128 GB' },
    },
    {
      manufacturer: 'HPE',
      model: 'ProLiant DL360 Gen10',
      extra: { 'Operating System': 'Ubuntu 22.04', RAM: '64 GB' },
    },
  ],
  Printer: [
    { manufacturer: 'Brother', model: 'HL-L8360CDW', extra: { Toner: 'TN436' } },
    { manufacturer: 'HP', model: 'LaserJet Pro M404n', extra: { Toner: 'CF258A' } },
  ],
  'Network Device': [
    { manufacturer: 'Ubiquiti', model: 'UniFi Dream Machine Pro', extra: { Firmware: '3.2.9' } },
    { manufacturer: 'Cisco', model: 'Catalyst 1000-24T', extra: { Firmware: '15.2(7)E8' } },
    { manufacturer: 'Fortinet', model: 'FortiGate 60F', extra: { Firmware: '7.2.8' } },
  ],
}

export const ASSET_NAME_CODES: Record<string, string> = {
  Desktop: 'DT',
  Laptop: 'LT',
  Server: 'SRV',
  Printer: 'PRN',
  'Network Device': 'NET',
}

export interface IssueTemplate {
  subject: string
  problemType: string
  ticketType: string
  description: string
}

export const ISSUES: IssueTemplate[] = [
  {
    subject: "Laptop won't power on",
    problemType: 'Hardware',
    ticketType: 'Hardware',
    description: 'The laptop shows no lights when the power button is pressed, even on the charger.',
  },
  {
    subject: 'Printer jams on every job',
    problemType: 'Printer',
    ticketType: 'Hardware',
    description: 'The office printer jams on the second page of every print job.',
  },
  {
    subject: 'Blue screen after Windows update',
    problemType: 'Software',
    ticketType: 'Software',
    description: 'The PC restarts with a blue screen (CRITICAL_PROCESS_DIED) since last night’s update.',
  },
  {
    subject: 'Outlook keeps asking for password',
    problemType: 'Email',
    ticketType: 'Software',
    description: 'Outlook prompts for the mailbox password every few minutes and will not send.',
  },
  {
    subject: 'Wi-Fi drops in the conference room',
    problemType: 'Network',
    ticketType: 'Network',
    description: 'Wireless clients in the conference room lose connection several times an hour.',
  },
  {
    subject: 'VPN will not connect from home',
    problemType: 'Network',
    ticketType: 'Network',
    description: 'Remote staff get a timeout when connecting to the office VPN.',
  },
  {
    subject: 'New hire needs an account and laptop',
    problemType: 'Other',
    ticketType: 'User Onboarding',
    description: 'A new employee starts Monday and needs a Microsoft 365 account, laptop and printer access.',
  },
  {
    subject: 'Suspicious pop-ups in browser',
    problemType: 'Virus',
    ticketType: 'Software',
    description: 'The browser opens pop-up windows with fake virus warnings on its own.',
  },
  {
    subject: 'Server disk almost full',
    problemType: 'Hardware',
    ticketType: 'Hardware',
    description: 'Monitoring reports the file server data volume at 95% used.',
  },
  {
    subject: 'Shared drive not mapping at login',
    problemType: 'Network',
    ticketType: 'Network',
    description: 'The S: drive no longer maps when users sign in.',
  },
  {
    subject: 'QuickBooks crashes on startup',
    problemType: 'Software',
    ticketType: 'Software',
    description: 'QuickBooks closes without an error message a few seconds after opening.',
  },
  {
    subject: 'Monitor flickering',
    problemType: 'Hardware',
    ticketType: 'Hardware',
    description: 'The second monitor flickers and goes black intermittently.',
  },
  {
    subject: 'Phishing email reported',
    problemType: 'Virus',
    ticketType: 'Software',
    description: 'A staff member received an email asking to reset their password on an unknown site.',
  },
  {
    subject: 'Slow internet at front desk',
    problemType: 'Network',
    ticketType: 'Network',
    description: 'Web pages take over 30 seconds to load at the front desk workstation.',
  },
  {
    subject: 'Set up scanner to email',
    problemType: 'Printer',
    ticketType: 'Hardware',
    description: 'Please configure scan-to-email on the multifunction printer.',
  },
  {
    subject: 'Offboard departing employee',
    problemType: 'Other',
    ticketType: 'User Onboarding',
    description: 'An employee leaves Friday: disable accounts, forward mail and collect the laptop.',
  },
  {
    subject: 'Backup job failed',
    problemType: 'Software',
    ticketType: 'Software',
    description: 'Last night’s backup job reported errors on two volumes.',
  },
  {
    subject: 'Keyboard keys not responding',
    problemType: 'Hardware',
    ticketType: 'Hardware',
    description: 'Several keys on the keyboard do not register.',
  },
  {
    subject: 'Firewall firmware update',
    problemType: 'Network',
    ticketType: 'Network',
    description: 'The firewall vendor released a security update that should be applied.',
  },
  {
    subject: 'Cannot open PDF attachments',
    problemType: 'Software',
    ticketType: 'Software',
    description: 'PDF attachments open as blank pages in the mail client.',
  },
]

export const FOLLOW_UP_COMMENTS = [
  { subject: 'Update', body: 'Connected remotely and reproduced the issue.', hidden: false },
  { subject: 'Update', body: 'Applied the fix; please confirm it works on your side.', hidden: false },
  { subject: 'Update', body: 'Scheduled an onsite visit to look at this in person.', hidden: false },
  { subject: 'Parts', body: 'Replacement part ordered, expected in 3-5 business days.', hidden: false },
  { subject: 'Internal Note', body: 'Checked event logs: disk errors since last week.', hidden: true },
  {
    subject: 'Internal Note',
    body: 'Customer is on the older contract; bill at the standard rate.',
    hidden: true,
  },
  { subject: 'Internal Note', body: 'Escalated to the senior tech for a second look.', hidden: true },
  { subject: 'Resolution', body: 'Issue resolved and verified with the user.', hidden: false },
]

export const TICKET_TAGS = ['onsite', 'remote', 'warranty', 'billing', 'recurring', 'vip']

/**
 * The account's `ticket.priorities` as `GET /settings` lists them: Syncro's own form is a leading number and a
 * name, most urgent first, after a blank choice (the spec's /settings example: "", "0 Urgent", "1 High",
 * "2 Normal", "3 Low").
 */
export const PRIORITIES = ['0 Urgent', '1 High', '2 Normal', '3 Low']

/**
 * The account's `ticket.problem_types` (`GET /settings`; the spec's example lists Virus, TuneUp, Hardware,
 * Software, Other): the Issue Type every ticket carries as `problem_type`. Every ISSUES entry's type is here.
 */
export const PROBLEM_TYPES = [
  'Virus',
  'TuneUp',
  'Hardware',
  'Software',
  'Network',
  'Printer',
  'Email',
  'Other',
]

/** A priority text outside the usual list, for clients that must cope with unknown priorities. */
export const UNLISTED_PRIORITY = 'Emergency'

/** What a tech writes on a timer entry. */
export const TIMER_NOTES = [
  'Remote session with the user',
  'Diagnosed the issue',
  'Applied updates and rebooted',
  'Onsite visit',
  'Called the vendor',
  'Tested and confirmed with the user',
  'Reconfigured the device',
  null,
] as const

/** Hardware sold without a ticket: price and cost per unit. */
export const HARDWARE_SALES = [
  { item: 'Hardware', name: 'Business laptop 14"', price: 1249, cost: 980 },
  { item: 'Hardware', name: '24" monitor', price: 229, cost: 165 },
  { item: 'Hardware', name: 'Wireless access point', price: 189, cost: 132.5 },
  { item: 'Hardware', name: 'UPS 1500VA', price: 349, cost: 251 },
  { item: 'Hardware', name: 'Docking station', price: 219, cost: 149.99 },
] as const
