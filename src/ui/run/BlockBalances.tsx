// How each layer-blocked session of the run was cut: by MACs from the graph, or by block times measured on this device.
import type { SessionBlockBalance } from '../../engine/engine-protocol';
import { formatMs } from '../format';

/** One line per layer-blocked session; nothing for whole inferences. */
export function BlockBalances({ balances }: { balances: readonly SessionBlockBalance[] }) {
  if (balances.length === 0) return null;
  return (
    <ul className="muted small block-balances" data-testid="block-balances">
      {balances.map(({ key, lane, balance }) => (
        <li key={`${key}#${String(lane)}`}>
          {key} (lane {lane}): {balance.kind === 'macs'
            ? 'blocks of equal MACs, counted from the graph (not timed)'
            : `blocks of equal measured time: ${balance.blockTimesMs.map((t) => formatMs(t)).join(' / ')} per block, from ${String(balance.segmentTimesMs.length)} parts each timed alone (median of warm runs, wall clock${balance.cached ? ', timed earlier in this lane' : ''})`}
        </li>
      ))}
    </ul>
  );
}
