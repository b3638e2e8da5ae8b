// Public surface of the experiment schema: types, validation, JSON and URL-hash round trips.
export * from './arrival-schema';
export * from './service-model-schema';
export * from './schema';
export * from './parse';
export * from './hash';
export * from './example';
export * from './run-shape';
export * from './json-text';
export * from './bounds';
export * from './capped-array';
export * from './keyed-record';
export * from './model-id';
export * from './custom-model-schema';
export * from './custom-settings';
