// Fixed vocabulary the seed draws from. All names are fictional; domains use the reserved `.example` TLD.

/** Client names that trip naive quoting, escaping and URL building. */
export const AWKWARD_CLIENT_NAMES = [
  "O'Brien & Sons Plumbing",
  '"Blue Sky" Consulting',
  'Müller (UK) Ltd',
  'Smith & Jones (Holdings) Ltd',
  "D'Angelo's Pizzeria",
  'The "Corner" Café',
  'Q&A Research (Europe)',
  'Harper, Lee & Co.',
]

export const PLACE_WORDS = [
  'Northgate',
  'Riverside',
  'Oakfield',
  'Kingsbridge',
  'Ashford',
  'Bramley',
  'Carlton',
  'Danbury',
  'Elmwood',
  'Fairview',
  'Glenmore',
  'Hawthorn',
  'Ironbridge',
  'Juniper',
  'Kestrel',
  'Larkspur',
  'Maplewood',
  'Newhaven',
  'Orchard',
  'Pembroke',
  'Queensway',
  'Redhill',
  'Stonebridge',
  'Thornbury',
  'Westbrook',
  'Yarrow',
]

export const TRADE_WORDS = [
  'Dental Practice',
  'Logistics',
  'Solicitors',
  'Veterinary Clinic',
  'Accountants',
  'Architects',
  'Engineering',
  'Estate Agents',
  'Garden Centre',
  'Medical Centre',
  'Print Works',
  'Builders',
  'Insurance Brokers',
  'Primary School',
  'Hotel',
  'Pharmacy',
  'Fitness Club',
  'Motors',
  'Brewery',
  'Opticians',
]

export const EXTRA_SITE_NAMES = ['Branch Office', 'Warehouse', 'Remote Workers', 'Satellite Office']

export const CLIENT_NOTES = [
  'Key contact prefers a phone call before any onsite visit.',
  'Out-of-hours work needs approval from the practice manager.',
  'Alarm code is with the office manager; sign in at reception.',
  'Invoices go to the accounts mailbox, not the main contact.',
]

export const FIRST_NAMES = [
  'Oliver',
  'Amelia',
  'Harry',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Jack',
  'Sophie',
  'Leo',
  'Grace',
  'Arjun',
  'Zainab',
  'Mateusz',
  'Chloé',
  'Siobhan',
  'Kwame',
  'Yuki',
  'Rhys',
]

export const SURNAMES = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Evans',
  'Thomas',
  'Patel',
  'Khan',
  'Nowak',
  "O'Connor",
  'MacLeod',
  'Okoye',
  'Sato',
  'Hughes',
  'Ward',
  'Price',
]

export const AGENTS = [
  { firstname: 'Sam', surname: 'Carter', jobtitle: 'Service Desk Manager', team_id: 2 },
  { firstname: 'Priya', surname: 'Desai', jobtitle: 'Service Desk Analyst', team_id: 1 },
  { firstname: 'Tom', surname: 'Fletcher', jobtitle: 'Service Desk Analyst', team_id: 1 },
  { firstname: 'Aisha', surname: 'Bello', jobtitle: 'Service Desk Analyst', team_id: 1 },
  { firstname: 'Dan', surname: 'Whitaker', jobtitle: 'Service Desk Analyst', team_id: 1 },
  { firstname: 'Megan', surname: 'Lloyd', jobtitle: 'Systems Engineer', team_id: 2 },
  { firstname: 'Lukas', surname: 'Becker', jobtitle: 'Systems Engineer', team_id: 2 },
  { firstname: 'Hannah', surname: "O'Neill", jobtitle: 'Network Engineer', team_id: 2 },
  { firstname: 'Ravi', surname: 'Kumar', jobtitle: 'Project Engineer', team_id: 3 },
  { firstname: 'Ellie', surname: 'Marsh', jobtitle: 'Project Manager', team_id: 3 },
  { firstname: 'Owen', surname: 'Griffiths', jobtitle: 'Project Engineer', team_id: 3 },
  { firstname: 'Beth', surname: 'Harding', jobtitle: 'Service Desk Analyst', team_id: 1 },
]

export const AGENT_COLOURS = ['#1e88e5', '#43a047', '#e53935', '#8e24aa', '#fb8c00', '#00897b']

/** Codes for host names (`key_field`). */
export const ASSET_TYPE_CODES: Record<string, string> = {
  Workstation: 'WS',
  Laptop: 'LT',
  Server: 'SRV',
  Printer: 'PRN',
  Firewall: 'FW',
  Switch: 'SW',
}

export interface AssetModel {
  manufacturer: string
  model: string
  os: string | null
  ram: string | null
}

export const ASSET_MODELS: Record<string, AssetModel[]> = {
  Workstation: [
    { manufacturer: 'Dell', model: 'OptiPlex 7020', os: 'Windows 11 Pro', ram: '16 GB' },
    { manufacturer: 'HP', model: 'EliteDesk 800 G9', os: 'Windows 11 Pro', ram: '32 GB' },
    { manufacturer: 'Lenovo', model: 'ThinkCentre M70q', os: 'Windows 10 Pro', ram: '8 GB' },
  ],
  Laptop: [
    { manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 4', os: 'Windows 11 Pro', ram: '16 GB' },
    { manufacturer: 'Dell', model: 'Latitude 5440', os: 'Windows 11 Pro', ram: '16 GB' },
    { manufacturer: 'Apple', model: 'MacBook Air M3', os: 'macOS 14', ram: '16 GB' },
  ],
  Server: [
    { manufacturer: 'Dell', model: 'PowerEdge R660', os: 'Windows Server 2022', ram: '128 GB' },
    { manufacturer: 'HPE', model: 'ProLiant DL380 Gen11', os: 'Ubuntu 24.04', ram: '64 GB' },
  ],
  Printer: [
    { manufacturer: 'Brother', model: 'MFC-L8900CDW', os: null, ram: null },
    { manufacturer: 'Kyocera', model: 'ECOSYS M3655idn', os: null, ram: null },
  ],
  Firewall: [
    { manufacturer: 'Fortinet', model: 'FortiGate 60F', os: 'FortiOS 7.2', ram: null },
    { manufacturer: 'WatchGuard', model: 'Firebox T45', os: 'Fireware 12.10', ram: null },
  ],
  Switch: [
    { manufacturer: 'Ubiquiti', model: 'USW-Pro-24', os: null, ram: null },
    { manufacturer: 'Cisco', model: 'Catalyst 1000-24T', os: 'IOS 15.2', ram: null },
  ],
}

export interface IssueTemplate {
  summary: string
  details: string
  category: string
  /** The ticket type it is usually logged as. */
  type: string
}

export const ISSUES: IssueTemplate[] = [
  {
    summary: 'Laptop will not boot',
    details: 'Laptop shows the manufacturer logo and then a black screen.\nTried a hard reset, no change.',
    category: 'Hardware>Laptop',
    type: 'Incident',
  },
  {
    summary: 'Printer offline for the whole office',
    details: 'The main office printer shows as offline on every PC since this morning.',
    category: 'Hardware>Printer',
    type: 'Incident',
  },
  {
    summary: 'Outlook keeps prompting for password',
    details: 'Outlook asks for the password every few minutes and mail is stuck in the outbox.',
    category: 'Software>Microsoft 365',
    type: 'Incident',
  },
  {
    summary: 'New starter: account and laptop',
    details: 'New starter on Monday: needs a Microsoft 365 account, a laptop and access to the shared drive.',
    category: 'Accounts>New Starter',
    type: 'Service Request',
  },
  {
    summary: 'Leaver: disable accounts',
    details:
      'Employee leaves on Friday. Please disable sign-in, forward mail to the manager and collect kit.',
    category: 'Accounts>Leaver',
    type: 'Service Request',
  },
  {
    summary: 'VPN drops every 10 minutes',
    details: 'Remote staff lose the VPN connection roughly every ten minutes and must reconnect.',
    category: 'Network>VPN',
    type: 'Incident',
  },
  {
    summary: 'Wi-Fi slow in meeting room',
    details: 'Wireless in the large meeting room is very slow; video calls freeze.',
    category: 'Network>Wireless',
    type: 'Incident',
  },
  {
    summary: 'Backup job failed',
    details: 'Last night\'s backup job reported "2 volumes failed". Needs checking before tonight.',
    category: 'Backup>Failure',
    type: 'Alert',
  },
  {
    summary: 'Disk space low on file server',
    details: 'Monitoring alert: data volume on the file server is above 90% used.',
    category: 'Hardware>Server',
    type: 'Alert',
  },
  {
    summary: 'Install accounting software update',
    details: 'Please install the year-end update of the accounting package on the finance PCs.',
    category: 'Software>Line of Business',
    type: 'Service Request',
  },
  {
    summary: 'Phishing email received',
    details:
      'Staff member received an email asking to "verify" their mailbox on an unknown site. Nobody clicked.',
    category: 'Security>Phishing',
    type: 'Incident',
  },
  {
    summary: 'Recurring Teams crashes',
    details: 'Teams crashes for several users a few times a day. Looks related to the last update.',
    category: 'Software>Microsoft 365',
    type: 'Problem',
  },
  {
    summary: 'Replace firewall before end of support',
    details: 'Current firewall reaches end of support next quarter. Plan the replacement & cut-over.',
    category: 'Network>Firewall',
    type: 'Change Request',
  },
  {
    summary: 'Add shared mailbox for bookings',
    details: 'Please create a shared mailbox bookings@ and give the front desk team access.',
    category: 'Accounts>Mailbox',
    type: 'Service Request',
  },
  {
    summary: 'Monitor flickering',
    details: 'Second monitor flickers and goes black every few seconds.',
    category: 'Hardware>Peripheral',
    type: 'Incident',
  },
  {
    summary: 'Migrate file shares to SharePoint',
    details: 'Move the department shares to SharePoint sites; keep permissions <as they are today>.',
    category: 'Projects>Migration',
    type: 'Project Task',
  },
  {
    summary: 'Scanner will not send to email',
    details: 'Scan-to-email on the copier fails with an authentication error.',
    category: 'Hardware>Printer',
    type: 'Incident',
  },
  {
    summary: 'Update firewall firmware',
    details: 'Vendor released a security fix for the firewall firmware. Schedule out of hours.',
    category: 'Network>Firewall',
    type: 'Change Request',
  },
]

export const PUBLIC_NOTES = [
  'Thanks for reporting this. We are looking into it now.',
  'Connected remotely and reproduced the issue.',
  'Applied a fix; please let us know if it happens again.',
  'Could you confirm a good time for an engineer to call?',
  'Replacement part ordered, expected within 3 working days.',
  'Update installed and tested with the user.',
]

export const PRIVATE_NOTES = [
  'Event log shows disk errors since last week.',
  'Client is on the older contract: bill at the standard rate.',
  'Escalated to 2nd line for a second opinion.',
  'Vendor case opened, reference in the documents tab.',
  'Password reset done; user verified by call-back.',
]

export const CLOSING_NOTES = [
  'Resolved and confirmed with the user.',
  'Closing as the issue has not recurred.',
  'Work completed as requested.',
]

export const PUBLIC_OUTCOMES = ['Email User', 'Phone Call', 'Update']
export const PRIVATE_OUTCOME = 'Private Note'
export const TICKET_TAGS = ['onsite', 'remote', 'warranty', 'recurring']

export const JOB_TITLES = [
  'Office Manager',
  'Practice Manager',
  'Director',
  'Receptionist',
  'Accounts Assistant',
  'Operations Lead',
  'Sales Executive',
  'Warehouse Supervisor',
]
