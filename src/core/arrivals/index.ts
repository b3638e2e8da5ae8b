// Public surface of the arrival processes.
export * from './source';
export * from './rates';
export * from './open-loop';
export * from './closed-loop';
export * from './create';
export * from './samplers';
export * from './trace-file';
