// Public surface of the scheduler: types, the scheduler itself, and its indexed heap.
export * from './types';
export * from './scheduler';
export * from './indexed-heap';
