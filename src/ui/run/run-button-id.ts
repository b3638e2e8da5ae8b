// The id of the Run live / Stop button: the skip button and the masthead jump to it (one element for both, so focus stays on it).

/** DOM id of the Run live / Stop button. */
export const RUN_BUTTON_ID = 'run-live-button';
