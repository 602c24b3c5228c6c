// Word lists the generator draws from. Plain data, kept apart so generate.ts stays readable.

export const firstNames = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie',
  'Chloé', 'Zoë', 'Jürgen', 'Søren', 'Amélie', 'Noah', 'Olivia', 'Liam', 'Emma', 'Lucas',
  'Mia', 'Ethan', 'Ava', 'Mateo', 'Sofia', 'Hiroshi', 'Aisha', 'Priya', 'Wei', 'Fatima',
  'Oliver', 'Isla', 'Leon', 'Hannah', 'Felix', 'Greta', 'Siobhan', 'Ciarán', 'Nadia', 'Tomás',
]

export const lastNames = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard',
  "O'Brien", 'MacDonald', 'Patel', 'Khan', 'Evans', 'Hughes', 'Murphy', 'Kelly', 'Sato', 'Kim',
  'van der Berg', 'Nakamura', 'Okafor', 'Novak', 'Kowalski', 'Rossi', 'Bianchi', 'Dubois', 'Lefèvre', 'Andersson',
]

export const middleInitials = ['A', 'B', 'C', 'D', 'E', 'J', 'K', 'L', 'M', 'R', 'S', 'T']

export const emailDomains = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'shop.example.org']

export const companies = [
  'Northwind Traders', 'Contoso Ltd', 'Fabrikam Inc', 'Tailspin Toys', 'Wide World Importers',
  'Adventure Works', 'Litware Inc', 'Proseware GmbH', 'Alpine Ski House', 'Coho Winery',
  'Blue Yonder Outfitters', 'Trey Research', 'Lucerne Publishing', 'Margie’s Travel', 'Fourth Coffee',
]

/** People on the merchant side who create and edit records. */
export const admins = [
  'a.chen@merchant.example.com', 'j.okoro@merchant.example.com', 'm.rossi@merchant.example.com',
  's.lindqvist@merchant.example.com', 'csr.team@merchant.example.com', 'integration@merchant.example.com',
]

export const streets = [
  'Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Washington Blvd', 'Lake Rd',
  'Hill St', 'Park Ave', 'High Street', 'Station Road', 'Hauptstraße', 'Bahnhofstraße', 'Rue Principale',
]

export interface CountryInfo {
  code: string
  locale: string
  regions: Array<[city: string, region: string]>
  postal: 'us' | 'ca' | 'gb' | 'de'
  phonePrefix: string
}

export const countries: CountryInfo[] = [
  {
    code: 'US', locale: 'en-US', postal: 'us', phonePrefix: '+1',
    regions: [['Austin', 'TX'], ['Seattle', 'WA'], ['Denver', 'CO'], ['Boston', 'MA'], ['Chicago', 'IL'],
      ['Portland', 'OR'], ['Atlanta', 'GA'], ['Minneapolis', 'MN'], ['Phoenix', 'AZ'], ['New York', 'NY']],
  },
  {
    code: 'CA', locale: 'en-CA', postal: 'ca', phonePrefix: '+1',
    regions: [['Toronto', 'ON'], ['Montréal', 'QC'], ['Vancouver', 'BC'], ['Calgary', 'AB'], ['Halifax', 'NS']],
  },
  {
    code: 'GB', locale: 'en-GB', postal: 'gb', phonePrefix: '+44',
    regions: [['London', 'Greater London'], ['Manchester', 'Greater Manchester'], ['Leeds', 'West Yorkshire'],
      ['Bristol', 'Bristol'], ['Edinburgh', 'Scotland']],
  },
  {
    code: 'DE', locale: 'de-DE', postal: 'de', phonePrefix: '+49',
    regions: [['Berlin', 'BE'], ['München', 'BY'], ['Hamburg', 'HH'], ['Köln', 'NW'], ['Leipzig', 'SN']],
  },
]

export interface SegmentInfo {
  id: number
  code: string
  name: string
  description: string
}

export const segments: SegmentInfo[] = [
  { id: 1, code: 'VIP', name: 'VIP customers', description: 'Top spenders, early access to sales.' },
  { id: 2, code: 'WHOLESALE', name: 'Wholesale', description: 'Trade pricing and net-30 terms.' },
  { id: 3, code: 'NEWSLETTER', name: 'Newsletter', description: 'Subscribed to the weekly newsletter.' },
  { id: 4, code: 'LAPSED', name: 'Lapsed buyers', description: 'No order in the last twelve months.' },
  { id: 5, code: 'EMPLOYEE', name: 'Employees', description: 'Staff discount applies.' },
  { id: 6, code: 'FIRST_ORDER', name: 'First order', description: 'Placed exactly one order.' },
]

export const noteTemplates = [
  'Customer called about a late delivery; offered free shipping on the next order.',
  'Prefers contact by email only.',
  'Requested invoice copies for the last quarter.',
  'Returned an item outside the return window; exception approved.',
  'Asked about bulk pricing; forwarded to the wholesale team.',
  'Address verification failed twice; confirmed by phone.',
  'Loyalty points adjusted after a duplicate charge.',
  'Interested in the spring collection preview.',
  'Do not send catalog mailings.',
  'Account merged from a guest checkout.',
]

export const loyaltyTiers = ['Bronze', 'Silver', 'Gold', 'Platinum']
export const preferredStores = ['Downtown', 'Riverside Mall', 'Airport', 'Online only', 'Outlet North']
export const contactLabels = ['Home', 'Work', 'Office', 'Summer house', 'Parents']
