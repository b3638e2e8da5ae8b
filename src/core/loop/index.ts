// Public surface of the event loop: the loop, its Executor and timer ports, and the virtual clock.
export * from './timer-port';
export * from './executor';
export * from './event-loop';
export * from './virtual-clock';
export * from './lateness';
