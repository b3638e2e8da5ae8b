// Chart colours: one per tenant (distinct in light and dark schemes), and concrete axis/grid/background colours per scheme.
import { useSyncExternalStore } from 'react';

/** Tenant colours in experiment order (Tableau 10, then 6 more of similar weight); mid-tones that read on white and on near-black. */
export const TENANT_COLORS: readonly string[] = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#bab0ac', '#1f77b4', '#d62728', '#17becf', '#bcbd22', '#8c564b', '#7f7f7f',
];

/** The colour of tenant `index`. */
export const tenantColor = (index: number): string => TENANT_COLORS[index % TENANT_COLORS.length] ?? '#888888';

/** `color` (#rrggbb) at `opacity` (0-1) as #rrggbbaa: a fill that lets the grid and the lines below show through. */
export const withOpacity = (color: string, opacity: number): string =>
  `${color}${Math.round(Math.min(1, Math.max(0, opacity)) * 255).toString(16).padStart(2, '0')}`;

/** Concrete colours (not CSS variables: the PNG export serialises the SVG on its own). */
export interface ChartTheme {
  readonly axis: string;
  readonly grid: string;
  readonly text: string;
  readonly background: string;
  readonly reference: string;
  readonly shade: string;
}

const LIGHT: ChartTheme = { axis: '#5d6676', grid: '#e3e7ee', text: '#1d2330', background: '#ffffff', reference: '#9b1c1c', shade: '#5d6676' };
const DARK: ChartTheme = { axis: '#9aa3b2', grid: '#2e3542', text: '#e4e8ef', background: '#1b2029', reference: '#f3a0a0', shade: '#9aa3b2' };

/** One MediaQueryList for the page: every chart reads it on every render. */
let darkQuery: MediaQueryList | null = null;
const dark = (): MediaQueryList => (darkQuery ??= window.matchMedia('(prefers-color-scheme: dark)'));
const subscribe = (onChange: () => void): (() => void) => {
  dark().addEventListener('change', onChange);
  return () => dark().removeEventListener('change', onChange);
};
const isDark = (): boolean => dark().matches;
/** Markup rendered without a page (static render tests) is drawn in the light scheme. */
const isDarkOffPage = (): boolean => false;

/** The theme of the page's colour scheme, updated when the scheme changes. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, isDark, isDarkOffPage) ? DARK : LIGHT;
}
