// Public surface of dynamic batching (Triton-like fixed, iGniter-like adaptive).
export * from './batch-plan';
