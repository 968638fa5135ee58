/** The sample database: its schema, the function that writes it, and the copy in the user data folder. */
export { createSampleDatabase, DEFAULT_SAMPLE_TASKS, type SampleOptions, type SampleSummary } from './create-sample.js';
export { openOrCreateSample, describeCreatedSample, type SampleResult } from './user-sample.js';
export * from './schema.js';
