// Fixed vocabulary the seed draws from. All people and companies are fictional; domains use the reserved
// `.example` TLD and phone numbers the 555-01xx range reserved for fiction. Some names and summaries hold
// quotes, apostrophes, parentheses, `&`, `%`, `_`, backslashes and the words "and"/"or" on purpose: they are
// what a query builder that does not escape its values breaks on.

export const MSP_DOMAIN = 'northbeam-it.example'

export interface MemberSpec {
  identifier: string
  firstName: string
  lastName: string
  title: string
  inactive?: boolean
  /** Default F (a full member). */
  licenseClass?: 'A' | 'F'
}

export const MEMBERS: readonly MemberSpec[] = [
  { identifier: 'jsmith', firstName: 'Jordan', lastName: 'Smith', title: 'Service Manager' },
  { identifier: 'apatel', firstName: 'Anika', lastName: 'Patel', title: 'Senior Engineer' },
  { identifier: 'mchen', firstName: 'Marcus', lastName: 'Chen', title: 'Network Engineer' },
  { identifier: 'lgarcia', firstName: 'Lucia', lastName: 'Garcia', title: 'Service Desk Technician' },
  { identifier: 'tnguyen', firstName: 'Thanh', lastName: 'Nguyen', title: 'Service Desk Technician' },
  { identifier: 'rokafor', firstName: 'Ruth', lastName: 'Okafor', title: 'Onboarding Specialist' },
  { identifier: 'dkowalski', firstName: 'Dariusz', lastName: 'Kowalski', title: 'Systems Engineer' },
  { identifier: 'swilliams', firstName: 'Sam', lastName: 'Williams', title: 'Dispatcher' },
  { identifier: 'ebrown', firstName: 'Emma', lastName: 'Brown', title: 'Service Desk Technician' },
  { identifier: 'kmuller', firstName: 'Katja', lastName: 'Müller', title: 'Network Engineer' },
  { identifier: 'hsato', firstName: 'Hiro', lastName: 'Sato', title: 'Field Technician' },
  { identifier: 'ofarrell', firstName: 'Owen', lastName: "O'Farrell", title: 'Field Technician' },
  { identifier: 'bjones', firstName: 'Ben', lastName: 'Jones', title: 'Technician', inactive: true },
]

/** The member every API key acts as: it writes the notes and `_info` stamps of API writes. */
export const API_MEMBER: MemberSpec = {
  identifier: 'APIMember',
  firstName: 'API',
  lastName: 'Member',
  title: 'Integration',
  licenseClass: 'A',
}

export interface StatusSpec {
  name: string
  closed?: boolean
  default?: boolean
  inactive?: boolean
  /** How often an open (or closed) ticket is in this status. */
  weight: number
}

export interface IssueSpec {
  summary: string
  description: string
  type: string
}

export interface BoardSpec {
  name: string
  inactive?: boolean
  /** Share of the seeded tickets. */
  weight: number
  statuses: readonly StatusSpec[]
  types: readonly string[]
  /** Member identifiers who own this board's tickets. */
  team: readonly string[]
  issues: readonly IssueSpec[]
}

export const BOARDS: readonly BoardSpec[] = [
  {
    name: 'Service Desk',
    weight: 60,
    statuses: [
      { name: 'New', default: true, weight: 25 },
      { name: 'In Progress', weight: 30 },
      { name: 'Waiting Customer', weight: 15 },
      { name: 'Scheduled', weight: 10 },
      { name: 'Escalated', weight: 5 },
      { name: 'Completed', closed: true, weight: 85 },
      { name: 'Cancelled', closed: true, weight: 15 },
      { name: 'Old - Do Not Use', inactive: true, weight: 0 },
    ],
    types: ['Incident', 'Service Request', 'Problem', 'Change'],
    team: ['lgarcia', 'tnguyen', 'ebrown', 'apatel', 'swilliams', 'hsato', 'ofarrell', 'jsmith'],
    issues: [
      {
        summary: 'Outlook keeps asking for password',
        description: 'Outlook prompts for credentials every few minutes since this morning.',
        type: 'Incident',
      },
      {
        summary: 'Printer says "Paper jam" (tray 2)',
        description: 'The front office printer shows "Paper jam" but there is no paper stuck in tray 2.',
        type: 'Incident',
      },
      {
        summary: 'Map drive \\\\fs01\\shared for new starter',
        description: 'Please map \\\\fs01\\shared as S: for the new starter in accounts.',
        type: 'Service Request',
      },
      {
        summary: 'VPN drops and Teams or Outlook freeze',
        description: 'When working from home the VPN drops every hour and Teams or Outlook freeze.',
        type: 'Incident',
      },
      {
        summary: 'Cannot open "Q3 Budget (final).xlsx"',
        description: 'Excel says the file "Q3 Budget (final).xlsx" is locked for editing by another user.',
        type: 'Incident',
      },
      {
        summary: 'Laptop battery not charging',
        description: 'Battery stays at 0% when plugged in; the charger light is on.',
        type: 'Incident',
      },
      {
        summary: 'Request: install Adobe Acrobat Pro',
        description: 'Need Acrobat Pro to edit signed contracts.',
        type: 'Service Request',
      },
      {
        summary: 'Password reset for shared mailbox',
        description: 'Nobody knows the password of the info@ shared mailbox any more.',
        type: 'Service Request',
      },
      {
        summary: 'Slow PC after Windows update',
        description: 'Several PCs take 10 minutes to log in since the last cumulative update.',
        type: 'Problem',
      },
      {
        summary: 'Recurring BSOD on reception PC',
        description: 'Blue screen (DRIVER_IRQL_NOT_LESS_OR_EQUAL) two or three times a week.',
        type: 'Problem',
      },
      {
        summary: 'Add user to Sales & Marketing distribution list',
        description: 'Please add the new account manager to Sales & Marketing.',
        type: 'Service Request',
      },
      {
        summary: 'Monitor flickering at desk 14B',
        description: 'Second monitor flickers and goes black for a second now and then.',
        type: 'Incident',
      },
      {
        summary: 'Phishing email reported by staff',
        description: 'Staff received an email asking them to "verify" their payroll details.',
        type: 'Incident',
      },
      {
        summary: 'Upgrade firmware on conference room display',
        description: 'Display vendor released a firmware fix for the casting issue.',
        type: 'Change',
      },
      {
        summary: 'Scanner saves to C:\\Scans instead of network folder',
        description: 'The copier scans land in C:\\Scans on the old PC instead of the network share.',
        type: 'Incident',
      },
      {
        summary: 'Cannot print PDFs at 100% scale',
        description: 'Plans print shrunk to 94% even with "Actual size" selected.',
        type: 'Incident',
      },
      {
        summary: 'Logon_script fails for remote users',
        description: 'The logon_script.ps1 errors out over VPN with access denied.',
        type: 'Problem',
      },
    ],
  },
  {
    name: 'Network Operations',
    weight: 25,
    statuses: [
      { name: 'New Alert', default: true, weight: 30 },
      { name: 'Acknowledged', weight: 20 },
      { name: 'Investigating', weight: 25 },
      { name: 'Waiting Vendor', weight: 10 },
      { name: 'Scheduled', weight: 10 },
      { name: 'Resolved', closed: true, weight: 80 },
      { name: 'Closed', closed: true, weight: 20 },
      { name: 'Retired Status', inactive: true, weight: 0 },
    ],
    types: ['Alert', 'Outage', 'Maintenance'],
    team: ['mchen', 'kmuller', 'dkowalski', 'apatel'],
    issues: [
      {
        summary: 'Firewall CPU above 90%',
        description: 'Monitoring reports sustained firewall CPU above 90% for 15 minutes.',
        type: 'Alert',
      },
      {
        summary: 'Site-to-site VPN tunnel down (Branch B)',
        description: 'Phase 2 of the tunnel to Branch B fails to negotiate.',
        type: 'Outage',
      },
      {
        summary: 'Switch port flapping on core-sw01',
        description: 'Gi1/0/24 on core-sw01 went up and down 40 times in an hour.',
        type: 'Alert',
      },
      {
        summary: 'Internet circuit degraded or down',
        description: 'Packet loss above 20% on the primary circuit; failover did or did not trigger?',
        type: 'Outage',
      },
      {
        summary: 'Scheduled firmware upgrade: FortiGate',
        description: 'Upgrade to the current recommended release in the Saturday window.',
        type: 'Maintenance',
      },
      {
        summary: 'Backup job failed on "FS01"',
        description: 'Nightly image backup of "FS01" ended with error: snapshot timed out.',
        type: 'Alert',
      },
      {
        summary: 'Wi-Fi coverage complaints and dropouts',
        description: 'Warehouse staff lose Wi-Fi between aisles 7 and 9.',
        type: 'Alert',
      },
      {
        summary: 'DNS resolution failing for [internal] zone',
        description: 'Clients cannot resolve names in the internal zone; forwarders look fine.',
        type: 'Outage',
      },
      {
        summary: 'Replace UPS battery in server room',
        description: 'UPS self-test failed; battery replacement due.',
        type: 'Maintenance',
      },
    ],
  },
  {
    name: 'Onboarding',
    weight: 15,
    statuses: [
      { name: 'Requested', default: true, weight: 30 },
      { name: 'Scheduled', weight: 25 },
      { name: 'In Progress', weight: 30 },
      { name: 'Waiting Customer', weight: 15 },
      { name: 'Closed', closed: true, weight: 100 },
      { name: 'Inactive Stage', inactive: true, weight: 0 },
    ],
    types: ['New Hire', 'Offboarding', 'Equipment Request', 'Account Setup', 'Site Setup'],
    team: ['rokafor', 'hsato', 'lgarcia'],
    issues: [
      {
        summary: 'New hire: Sales Associate (start Monday)',
        description: 'New Sales Associate starts Monday; needs laptop, phone and accounts.',
        type: 'New Hire',
      },
      {
        summary: 'Offboard departing employee and archive mailbox',
        description: 'Disable accounts at 5pm Friday and convert the mailbox to shared.',
        type: 'Offboarding',
      },
      {
        summary: 'Order laptop and dock for new starter',
        description: 'Standard laptop bundle with dock and two monitors.',
        type: 'Equipment Request',
      },
      {
        summary: 'Create accounts: M365, CRM and VPN',
        description: 'Accounts for the new office manager, same groups as her predecessor.',
        type: 'Account Setup',
      },
      {
        summary: 'Set up new branch office',
        description: 'Network, printers and phones for the new branch opening next month.',
        type: 'Site Setup',
      },
      {
        summary: 'New hire: "Temp" contractor access',
        description: 'A contractor ("Temp") needs VPN and email for 3 months.',
        type: 'New Hire',
      },
    ],
  },
  {
    name: 'Legacy Helpdesk',
    inactive: true,
    weight: 0,
    statuses: [
      { name: 'New', default: true, weight: 1 },
      { name: 'Assigned', weight: 1 },
      { name: 'Waiting Customer', weight: 1 },
      { name: 'Closed', closed: true, weight: 1 },
      { name: 'Archived', inactive: true, weight: 0 },
    ],
    types: ['General', 'Hardware', 'Software'],
    team: [],
    issues: [],
  },
]

/** Vendor-style priorities; ids are the vendor's habit of non-contiguous numbers, unrelated to sort order. */
export const PRIORITIES = [
  {
    id: 15,
    name: 'Priority 1 - Emergency Response',
    color: 'Red',
    sortOrder: 1,
    level: 'High',
    weight: 6,
  },
  { id: 8, name: 'Priority 2 - Quick Response', color: 'Orange', sortOrder: 2, level: 'High', weight: 18 },
  {
    id: 4,
    name: 'Priority 3 - Normal Response',
    color: 'Blue',
    sortOrder: 3,
    level: 'Medium',
    weight: 52,
  },
  {
    id: 7,
    name: 'Priority 4 - Scheduled Maintenance',
    color: 'Green',
    sortOrder: 4,
    level: 'Low',
    weight: 16,
  },
  { id: 16, name: 'Do Not Respond', color: 'Gray', sortOrder: 5, level: 'NotApplicable', weight: 8 },
] as const

export const DEFAULT_PRIORITY_ID = 4

export const COMPANY_STATUSES = ['Active', 'Inactive', 'Credit Hold']
export const COMPANY_TYPES = ['Client', 'Prospect', 'Vendor', 'Partner']
export const COUNTRIES = ['United States', 'Canada', 'United Kingdom', 'Australia']

export const CONFIGURATION_STATUSES = ['Active', 'Inactive', 'Retired']

export interface ConfigurationTypeSpec {
  name: string
  weight: number
  prefix: string
  models: readonly (readonly [manufacturer: string, model: string])[]
  osTypes: readonly string[]
  networked: boolean
}

export const CONFIGURATION_TYPES: readonly ConfigurationTypeSpec[] = [
  {
    name: 'Managed Workstation',
    weight: 50,
    prefix: 'WS',
    models: [
      ['Dell', 'OptiPlex 7010'],
      ['Dell', 'Latitude 5440'],
      ['HP', 'EliteBook 840 G10'],
      ['Lenovo', 'ThinkPad T14 Gen 4'],
      ['Apple', 'MacBook Pro 14'],
    ],
    osTypes: ['Windows 11 Pro', 'Windows 10 Pro', 'macOS 14'],
    networked: false,
  },
  {
    name: 'Managed Server',
    weight: 12,
    prefix: 'SRV',
    models: [
      ['Dell', 'PowerEdge R650'],
      ['HP', 'ProLiant DL360 Gen10'],
      ['Lenovo', 'ThinkSystem SR630'],
    ],
    osTypes: ['Windows Server 2022', 'Windows Server 2019', 'Ubuntu 22.04 LTS'],
    networked: true,
  },
  {
    name: 'Firewall',
    weight: 8,
    prefix: 'FW',
    models: [
      ['Fortinet', 'FortiGate 60F'],
      ['Cisco', 'Meraki MX68'],
    ],
    osTypes: [],
    networked: true,
  },
  {
    name: 'Network Switch',
    weight: 10,
    prefix: 'SW',
    models: [
      ['Cisco', 'Catalyst 9200'],
      ['Ubiquiti', 'UniFi USW-24-PoE'],
      ['HP', 'Aruba 2930F'],
    ],
    osTypes: [],
    networked: true,
  },
  {
    name: 'Printer',
    weight: 10,
    prefix: 'PRN',
    models: [
      ['Brother', 'HL-L6200DW'],
      ['HP', 'LaserJet Pro M404n'],
    ],
    osTypes: [],
    networked: true,
  },
  {
    name: 'Wireless Access Point',
    weight: 10,
    prefix: 'AP',
    models: [
      ['Ubiquiti', 'UniFi U6 Pro'],
      ['Cisco', 'Meraki MR36'],
    ],
    osTypes: [],
    networked: true,
  },
]

export const MANUFACTURERS = ['Dell', 'HP', 'Lenovo', 'Apple', 'Cisco', 'Fortinet', 'Ubiquiti', 'Brother']

/** Companies whose names break naive query building; always seeded. */
export const AWKWARD_COMPANY_NAMES = [
  "O'Brien & Sons Plumbing",
  'Lighthouse "Beacon" Media',
  'Alpha (North) Holdings',
  'Research and Development Partners',
  'Black or White Photography',
  'Back\\Slash Networks',
  'Hart & Field (UK) Ltd',
  'Café Lumière',
  '100% Uptime Hosting',
  'Under_Score Studios',
  'Rock "n" Roll (and Jazz) Bar',
  '[Bracket] Design Co',
]

export const COMPANY_NAME_FIRST = [
  'Acme',
  'Bluewater',
  'Cedar Ridge',
  'Summit',
  'Harbor Light',
  'Northwind',
  'Oakline',
  'Pinecrest',
  'Redstone',
  'Silverleaf',
  'Tidewater',
  'Upland',
  'Valley View',
  'Westgate',
  'Brightside',
  'Copperfield',
  'Evergreen',
  'Fairmont',
  'Granite State',
  'Hillcrest',
  'Ironwood',
  'Juniper',
  'Keystone',
  'Lakeshore',
  'Maple Street',
  'Nimbus',
  'Orchard Lane',
  'Prairie Wind',
  'Riverbend',
  'Sunset',
]

export const COMPANY_NAME_SECOND = [
  'Dental Group',
  'Logistics',
  'Law',
  'Physical Therapy',
  'Insurance',
  'Traders',
  'Architects',
  'Veterinary',
  'Accounting',
  'Realty',
  'Marine Supply',
  'Farms',
  'Clinic',
  'Auto Repair',
  'Bakery',
  'Printing',
  'Landscaping',
  'Hotels',
  'Roofing',
  'Pharmacy',
]

export const PLACES = [
  { city: 'Springfield', state: 'IL', zip: '62701', country: 'United States', area: '217' },
  { city: 'Madison', state: 'WI', zip: '53703', country: 'United States', area: '608' },
  { city: 'Boulder', state: 'CO', zip: '80302', country: 'United States', area: '303' },
  { city: 'Portland', state: 'OR', zip: '97205', country: 'United States', area: '503' },
  { city: 'Raleigh', state: 'NC', zip: '27601', country: 'United States', area: '919' },
  { city: 'Austin', state: 'TX', zip: '78701', country: 'United States', area: '512' },
  { city: 'Tampa', state: 'FL', zip: '33602', country: 'United States', area: '813' },
  { city: 'Halifax', state: 'NS', zip: 'B3H 1A1', country: 'Canada', area: '902' },
  { city: 'Leeds', state: 'West Yorkshire', zip: 'LS1 4AP', country: 'United Kingdom', area: '113' },
  { city: 'Geelong', state: 'VIC', zip: '3220', country: 'Australia', area: '352' },
]

export const STREET_NAMES = [
  'Main Street',
  'Oak Avenue',
  'Harbor Road',
  'Market Street',
  'Mill Lane',
  'Station Road',
  'Lakeview Drive',
  'Commerce Way',
]

export const FIRST_NAMES = [
  'Alice',
  'Bruno',
  'Chloé',
  'Deepak',
  'Elena',
  'Farah',
  'George',
  'Hannah',
  'Isaac',
  'José',
  'Kofi',
  'Leila',
  'Mateo',
  'Nora',
  'Oliver',
  'Priya',
  'Quinn',
  'Rosa',
  'Stefan',
  'Tomás',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoë',
]

export const LAST_NAMES = [
  'Anders',
  'Baker',
  'Castillo',
  "D'Angelo",
  'Eriksen',
  'Fischer',
  'Gupta',
  'Hughes',
  'Ibrahim',
  'Jensen',
  'Kim',
  'Lopez',
  'Mensah',
  'Novak',
  "O'Neill",
  'Park',
  'Quintero',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Van der Berg',
  'Walsh',
  'Young',
  'Zhang',
]

export const CONTACT_TITLES = [
  'Office Manager',
  'Owner',
  'Practice Manager',
  'Finance Director',
  'Receptionist',
  'Operations Lead',
  'IT Liaison',
]

export const INTERNAL_NOTES = [
  'Checked event logs; nothing obvious. Escalating to L2.',
  'Remote session: cleared cached credentials and rebooted.',
  'Vendor case opened, reference #A-20931.',
  'Looks related to last week\'s change (see "CHG-114").',
  'Reproduced on a test machine; driver rollback fixes it.',
  'Ran diagnostics: disk and memory OK; network adapter resets.',
]

export const CUSTOMER_UPDATES = [
  'We have identified the cause and are applying a fix now.',
  'Could you confirm whether the issue still occurs after restarting?',
  'A technician will be on site tomorrow between 9 and 11.',
  'We are waiting on the vendor and will update you as soon as we hear back.',
]

export const CONTACT_REPLIES = [
  'Still happening this morning, and now on a second PC too.',
  'Thanks, that seems to have worked!',
  'Tomorrow works. Please ask for me at reception.',
  'Sorry, I was out. Yes, it still does it (every time).',
]

export const RESOLUTIONS = [
  'Resolved: replaced the faulty part and confirmed with the user.',
  'Resolved: reconfigured the profile; user confirmed all is working.',
  'Resolved: applied the vendor fix and monitored for 24 hours.',
  'Closed: no response from the customer after three follow-ups.',
]
