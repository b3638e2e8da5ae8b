// One chart panel: title, a PNG button, a fixed-height body (no layout jumps while running), an HTML legend and a caption saying what was measured.
import { errorMessage } from '../../core/error-message';
import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob, fileNameOf } from '../download';
import { useChartTheme } from './chart-theme';
import { chartPng, type PngLegendItem } from './png-export';

export interface ChartFrameProps {
  readonly title: string;
  /** What the figure is, measured how, over what window: shown below it and written into the PNG. */
  readonly caption: string;
  readonly legend: readonly PngLegendItem[];
  readonly testId: string;
  /** Height of the body, px. */
  readonly height: number;
  /** Points drawn (0: the placeholder is shown instead of the chart). */
  readonly points: number;
  readonly placeholder: string;
  readonly children: ReactNode;
}

/** A chart with its PNG export; `data-points` tells tests how much it has drawn. Without points the (empty) chart is overlaid by the placeholder. */
export function ChartFrame(props: ChartFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  const theme = useChartTheme();
  const [pngError, setPngError] = useState<string | null>(null);
  const savePng = () => {
    if (body.current === null) return;
    chartPng(body.current, { title: props.title, caption: props.caption, legend: props.legend, theme }).then(
      (blob) => {
        setPngError(null);
        downloadBlob(blob, `${fileNameOf(props.title, 'chart')}.png`);
      },
      (error: unknown) => setPngError(errorMessage(error)),
    );
  };
  return (
    <figure className="chart" data-testid={props.testId} data-points={props.points}>
      <div className="chart-head">
        <h3>{props.title}</h3>
        <button type="button" className="ghost small" onClick={savePng} disabled={props.points === 0}
          aria-label={`Save ${props.title} as PNG`} data-testid={`${props.testId}-png`}>PNG</button>
      </div>
      <div className="chart-body" ref={body} style={{ height: props.height }}>
        {props.children}
        {props.points === 0 && <p className="chart-placeholder chart-overlay muted">{props.placeholder}</p>}
      </div>
      {props.legend.length > 0 && (
        <ul className="chart-legend" aria-label={`${props.title} legend`}>
          {props.legend.map((item) => (
            <li key={item.label}><span className="swatch" style={{ background: item.color }} />{item.label}</li>
          ))}
        </ul>
      )}
      <figcaption className="muted small">{props.caption}</figcaption>
      {pngError !== null && <p className="xf-errors" role="alert">PNG: {pngError}</p>}
    </figure>
  );
}
