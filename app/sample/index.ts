/** The sample database: its schema and the function that writes it. */
export { createSampleDatabase, DEFAULT_SAMPLE_TASKS, type SampleOptions, type SampleSummary } from './create-sample.js';
export * from './schema.js';
