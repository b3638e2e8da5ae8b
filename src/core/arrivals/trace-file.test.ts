// Tests for reading trace files.
import { describe, expect, it } from 'vitest';
import { parseTraceText } from './trace-file';

describe('parseTraceText', () => {
  it.each([
    ['plain ms, rebased', '100\n150\n150\n400\n', {}, [0, 50, 50, 300]],
    ['plain ms, kept', '100\n150\n', { rebase: false }, [100, 150]],
    ['seconds with a CSV header and comments', 'time_s,model\n# warm\n1.5,resnet18\n\n1.75,resnet18\r\n2,vgg16\n', { unit: 's' }, [0, 250, 500]],
  ] as const)('%s', (_name, text, options, expected) => {
    expect(parseTraceText(text, options)).toEqual({ ok: true, timestampsMs: expected });
  });

  it.each([
    ['a bad number', '0\n5\nfive\n', 'line 3'],
    ['a negative timestamp', '0\n-5\n', 'line 2'],
    ['a timestamp going backwards', '0\n10\n9\n', 'line 3'],
    ['nothing but a header', 'time\n', ''],
  ])('names the line with %s', (_name, text, path) => {
    const result = parseTraceText(text);
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([path]);
  });
});
