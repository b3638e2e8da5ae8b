// Public surface of the metrics: events, ledger, recorder, snapshot types and the helpers behind them.
export * from './events';
export * from './ledger';
export * from './min-samples';
export * from './digest';
export * from './sliding-window';
export * from './fairness';
export * from './solo-profile';
export * from './sample-stats';
export * from './snapshot';
export * from './recorder';
export * from './metrics-csv';
export * from './window-quantiles';
export * from './loadgen-verdict';
export * from './batch-mean';
export * from './run-notice';
export * from './verdict-record';
export * from './early-stopping';
