// The sandbox's account: one signed-in user who owns two lines, colleagues who own the others, and
// a list of plausible outside callers. Every number is fake: +1 NXX 555-01xx is the range the
// North American Numbering Plan reserves for fiction, so a demo can never ring a real person.
// The account deliberately has lines that are NOT the user's: GoTo's call-events subscription
// covers the whole account (docs/providers/goto.md#facts-seen-live), so the client's "my lines" filter has
// something real to filter out.

export interface SandboxLine {
  /** GoTo line ids are UUIDs. */
  id: string;
  /** `number` in /users/v1/lines is the extension. */
  number: string;
  name: string;
  /** The principal that owns the line; /users/v1/lines answers only that principal's lines. */
  owner: string;
}

export interface SandboxPerson {
  name: string;
  /** E.164. */
  number: string;
}

export const DEFAULT_PRINCIPAL = 'alex.morgan@example.com';
export const DEFAULT_ACCOUNT_KEY = '8004206781934017042';
export const DEFAULT_ORGANIZATION_ID = '0127d9a4-6f3e-4c55-9d2b-5a1c0e8b7f10';

export function defaultLines(principal: string): SandboxLine[] {
  return [
    { id: '3f1c2a7e-1b4d-4e8a-9c61-0a2b3c4d5e01', number: '1001', name: 'Alex Morgan', owner: principal },
    { id: '3f1c2a7e-1b4d-4e8a-9c61-0a2b3c4d5e02', number: '1002', name: 'Alex Morgan (Desk)', owner: principal },
    { id: '3f1c2a7e-1b4d-4e8a-9c61-0a2b3c4d5e10', number: '1100', name: 'Front Desk', owner: 'reception@example.com' },
    { id: '3f1c2a7e-1b4d-4e8a-9c61-0a2b3c4d5e03', number: '1003', name: 'Jordan Lee', owner: 'jordan.lee@example.com' },
    { id: '3f1c2a7e-1b4d-4e8a-9c61-0a2b3c4d5e04', number: '1004', name: 'Sam Rivera', owner: 'sam.rivera@example.com' },
  ];
}

/** Outside parties; the generator picks from these. Names are invented. */
export const PEOPLE: readonly SandboxPerson[] = [
  { name: 'Priya Raman', number: '+12025550101' },
  { name: 'Marcus Webb', number: '+13125550102' },
  { name: 'Elena Sokolova', number: '+14155550103' },
  { name: 'Tomás Herrera', number: '+16175550104' },
  { name: 'Grace Okafor', number: '+12065550105' },
  { name: 'Daniel Kim', number: '+17185550106' },
  { name: 'Hannah Fischer', number: '+15125550107' },
  { name: 'Omar Haddad', number: '+13035550108' },
  { name: 'Lucy Brennan', number: '+16465550109' },
  { name: 'Wei Zhang', number: '+14085550110' },
  { name: 'Fatima Diallo', number: '+17865550111' },
  { name: 'Noah Petersen', number: '+16125550112' },
  { name: 'Isabela Costa', number: '+13055550113' },
  { name: 'Kenji Watanabe', number: '+15035550114' },
  { name: 'Aisha Bello', number: '+14045550115' },
  { name: 'Ryan O’Connell', number: '+16175550116' },
  { name: 'Sofia Rossi', number: '+12135550117' },
  { name: 'Mateo García', number: '+19155550118' },
  { name: 'Northwind Supply Co.', number: '+18005550119' },
  // GoTo sends an empty or missing caller name for withheld/unknown caller ids: the client must
  // fall back to the number.
  { name: '', number: '+19175550120' },
];

/** Topics for the optional aiAnalysis block of a report. */
export const TOPICS: readonly string[] = [
  'billing question',
  'delivery date',
  'contract renewal',
  'password reset',
  'new order',
  'invoice copy',
  'appointment change',
  'product return',
];
