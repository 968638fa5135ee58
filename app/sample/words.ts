/** Word lists the sample's names, titles and comments are drawn from. */
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Barbara', 'Brian', 'Carla', 'Dennis', 'Edsger', 'Frances', 'Grace', 'Hedy',
  'Ivan', 'Joan', 'Ken', 'Linus', 'Margaret', 'Niklaus', 'Olga', 'Radia', 'Sophie', 'Tim',
  'Ursula', 'Vint', 'Whitfield', 'Xiao', 'Yukihiro', 'Zhora',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Liskov', 'Kernighan', 'Ritchie', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr',
  'Sutherland', 'Clarke', 'Thompson', 'Torvalds', 'Hamilton', 'Wirth', 'Perlman', 'Wilson',
  'Berners-Lee', 'Franklin', 'Cerf', 'Diffie', 'Matsumoto', 'Nakamura', 'Okafor', 'Silva',
] as const;

export const CITIES: readonly { readonly city: string; readonly country: string }[] = [
  { city: 'Lisbon', country: 'PT' },
  { city: 'Berlin', country: 'DE' },
  { city: 'Nairobi', country: 'KE' },
  { city: 'Osaka', country: 'JP' },
  { city: 'Montréal', country: 'CA' },
  { city: 'Recife', country: 'BR' },
  { city: 'Tallinn', country: 'EE' },
  { city: 'Pune', country: 'IN' },
  { city: 'Melbourne', country: 'AU' },
  { city: 'Zürich', country: 'CH' },
];

export const TEAM_NAMES = [
  'Core', 'Storage', 'Sync', 'Desktop', 'Web', 'Mobile', 'Infrastructure', 'Design', 'Docs',
  'Security', 'Growth', 'Support',
] as const;

export const PROJECT_WORDS = [
  'Aurora', 'Basalt', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Indigo', 'Juniper',
  'Kestrel', 'Lantern', 'Meridian', 'Nimbus', 'Orchid', 'Prism', 'Quartz', 'Rivet', 'Saffron', 'Tundra',
] as const;

export const VERBS = [
  'Fix', 'Add', 'Remove', 'Refactor', 'Document', 'Test', 'Measure', 'Speed up', 'Simplify', 'Review',
  'Migrate', 'Design', 'Translate', 'Audit',
] as const;

export const OBJECTS = [
  'the login form', 'paging in the table', 'the export dialog', 'index rebuilds', 'the settings page',
  'crash reports', 'keyboard shortcuts', 'the onboarding flow', 'dark mode', 'the search box',
  'error messages', 'the release notes', 'backup scheduling', 'drag and drop', 'the cache layer',
  'date parsing', 'the CSV importer', 'undo history', 'tooltips', 'the sync protocol',
] as const;

export const COMMENT_LINES = [
  'Looks good to me.', 'Can we split this into two tasks?', 'I reproduced it on Linux only.',
  'Blocked until the schema change lands.', 'Added a test for the edge case.',
  'This regressed in the last release.', 'Moving to next sprint.', 'Done, please review.',
  'Measured: 3x faster with the new index.', 'Customer asked about this again.',
] as const;

export const LABEL_NAMES = ['bug', 'feature', 'chore', 'ux', 'performance', 'docs', 'security', 'blocked'] as const;
