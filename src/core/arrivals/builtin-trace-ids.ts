// Names of the real arrival traces the lab ships (a `replay` arrival names one); the data is in builtin-traces.ts.

/** Built-in traces: excerpts of the Azure LLM inference trace 2023 (CC-BY 4.0). */
export const BUILTIN_TRACE_IDS = ['azure-llm-2023-conv', 'azure-llm-2023-code'] as const;
export type BuiltinTraceId = (typeof BUILTIN_TRACE_IDS)[number];

/**
 * Each excerpt's span, seconds of the original trace (first to last of its 2,001 arrivals; a test checks these
 * against the data): a replay's `startAtS` lies below it.
 */
export const BUILTIN_TRACE_SPAN_S: Readonly<Record<BuiltinTraceId, number>> = {
  'azure-llm-2023-conv': 424.604746,
  'azure-llm-2023-code': 853.079413,
};

/** Short names for menus (the data: the first 2,001 arrivals of each). */
export const BUILTIN_TRACE_LABELS: Readonly<Record<BuiltinTraceId, string>> = {
  'azure-llm-2023-conv': 'Azure LLM 2023 conversation',
  'azure-llm-2023-code': 'Azure LLM 2023 code (very bursty)',
};

/** CC-BY 4.0 attribution that must travel with anything replaying these arrivals (page, run files, reports). */
export const TRACE_ATTRIBUTION =
  'Arrivals: Azure LLM inference trace 2023 (Patel, Choukse, Zhang, Shah, Goiri, Maleki, Bianchini, "Splitwise: Efficient ' +
  'generative LLM inference using phase splitting", ISCA 2024), CC-BY 4.0, from the AzurePublicDataset repository (Microsoft).';
