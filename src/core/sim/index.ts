// Public surface of the simulator: service-time models, lanes, the event loop, experiment plans, reports, the CLI.
export * from './service-time';
export * from './modelled-executor';
export * from './simulator';
export * from './plan';
export * from './simulate-experiment';
export * from './report-csv';
export * from './cli';
export * from './work-budget';
export * from './live-loop-config';
export * from './replay';
