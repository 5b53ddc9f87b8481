// The RingCentral sandbox's account: the signed-in user's extension, colleagues' extensions (so
// the "all lines" subscription has something the user's own subscription must not see) and
// invented outside callers. Numbers use +1 NXX 555-01xx, reserved for fiction.

export interface RcExtension {
  /** RingCentral extension ids are numeric strings. */
  id: string;
  extensionNumber: string;
  name: string;
  email: string;
}

export interface RcPerson {
  name: string;
  /** E.164. */
  number: string;
}

export const RC_ACCOUNT_ID = '400131425008';

export const RC_EXTENSIONS: readonly RcExtension[] = [
  { id: '62264425008', extensionNumber: '101', name: 'Alex Morgan', email: 'alex.morgan@example.com' },
  { id: '62264426008', extensionNumber: '102', name: 'Jordan Lee', email: 'jordan.lee@example.com' },
  { id: '62264427008', extensionNumber: '103', name: 'Sam Rivera', email: 'sam.rivera@example.com' },
];

/** The owner of the sandbox's OAuth sessions. */
export const RC_OWNER: RcExtension = RC_EXTENSIONS[0] as RcExtension;

export const RC_PEOPLE: readonly RcPerson[] = [
  { name: 'Priya Raman', number: '+12025550101' },
  { name: 'Tomás Ortega', number: '+13125550142' },
  { name: 'Mei Chen', number: '+14155550163' },
  { name: 'Olu Adeyemi', number: '+16175550178' },
  { name: 'Hannah Berg', number: '+12065550119' },
  { name: 'Dev Patel', number: '+15125550187' },
];

/** The main company number every inbound call is dialled to. */
export const RC_MAIN_NUMBER = '+16505550100';
