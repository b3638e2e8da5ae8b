// One labelled input or select bound to a draft path, with its own validation messages right beside it.
import { useId } from 'react';
import { formatPath } from '../../core/experiment';
import { numberFromText, type FieldPath } from '../../app/experiment-draft';
import { useExperimentController, useField } from './use-experiment';

interface FieldProps {
  readonly path: FieldPath;
  readonly label: string;
  /** Label for screen readers only (table cells, where the column header shows it). */
  readonly hiddenLabel?: boolean;
  /** Unit shown after the input, e.g. 'ms'. */
  readonly unit?: string;
  readonly className?: string;
}

function Errors(props: { id: string; testId: string; errors: string[] }) {
  return (
    <span className="xf-errors" id={props.id} data-testid={props.testId} role={props.errors.length > 0 ? 'alert' : undefined}>
      {props.errors.map((message) => `${props.testId.slice('error-'.length)}: ${message}`).join('; ')}
    </span>
  );
}

/** A text input holding a number (or a string with `text`): the typed text is kept exactly, never corrected. */
export function InputField(props: FieldProps & { readonly text?: boolean }) {
  const controller = useExperimentController();
  const { text, errors } = useField(props.path);
  const id = useId();
  const key = formatPath(props.path);
  return (
    <label className={`xf ${props.className ?? ''}`}>
      <span className={props.hiddenLabel ? 'visually-hidden' : 'xf-label'}>{props.label}</span>
      <span className="xf-control">
        <input type="text" inputMode={props.text ? 'text' : 'decimal'} value={text} spellCheck={false}
          aria-invalid={errors.length > 0} aria-describedby={`${id}-e`} data-testid={`field-${key}`}
          onChange={(e) => controller.setField(props.path, props.text ? e.target.value : numberFromText(e.target.value))} />
        {props.unit && <span className="xf-unit">{props.unit}</span>}
      </span>
      <Errors id={`${id}-e`} testId={`error-${key}`} errors={errors} />
    </label>
  );
}

/** A select over fixed options; `onSelect` replaces plain assignment where a change reshapes the draft. */
export function SelectField(
  props: FieldProps & { readonly options: readonly (readonly [string, string])[]; readonly onSelect?: (value: string) => void },
) {
  const controller = useExperimentController();
  const { text, errors } = useField(props.path);
  const id = useId();
  const key = formatPath(props.path);
  const known = props.options.some(([value]) => value === text);
  return (
    <label className={`xf ${props.className ?? ''}`}>
      <span className={props.hiddenLabel ? 'visually-hidden' : 'xf-label'}>{props.label}</span>
      <select value={text} aria-invalid={errors.length > 0} aria-describedby={`${id}-e`} data-testid={`field-${key}`}
        onChange={(e) => (props.onSelect ? props.onSelect(e.target.value) : controller.setField(props.path, e.target.value))}>
        {!known && <option value={text}>{text === '' ? '(none)' : text}</option>}
        {props.options.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
      <Errors id={`${id}-e`} testId={`error-${key}`} errors={errors} />
    </label>
  );
}
