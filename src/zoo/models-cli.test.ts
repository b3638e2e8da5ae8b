// Tests of the `npm run models` flag parser: defaults, spellings, and errors naming the flag.
import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from './model-ids';
import { parseModelsArgs } from './models-cli';

describe('parseModelsArgs', () => {
  it('applies the defaults', () => {
    expect(parseModelsArgs(['--out', 'dir'])).toEqual({ outDir: 'dir', resolution: 224, models: MODEL_IDS, dtype: 'fp32', seed: 1 });
  });

  it('reads every flag, in both spellings', () => {
    expect(parseModelsArgs(['--out=o', '--resolution', '64', '--models=resnet18,tiny-cnn', '--dtype', 'fp16', '--seed=9'])).toEqual({
      outDir: 'o',
      resolution: 64,
      models: ['resnet18', 'tiny-cnn'],
      dtype: 'fp16',
      seed: 9,
    });
  });

  it('returns null for --help', () => {
    expect(parseModelsArgs(['--help'])).toBeNull();
  });

  it.each([
    [[], /--out: missing/],
    [['--out'], /--out: missing value/],
    [['--out', 'd', '--resolution', '100'], /--resolution: got 100; expected an integer multiple of 32/],
    [['--out', 'd', '--resolution', 'big'], /--resolution: got 'big'; expected a multiple of 32/],
    [['--out', 'd', '--models', 'resnet18,alexnet'], /--models: unknown model 'alexnet'; expected one of tiny-cnn/],
    [['--out', 'd', '--models', ','], /--models: empty/],
    [['--out', 'd', '--dtype', 'int8'], /--dtype: got 'int8'; expected one of fp32, fp16/],
    [['--out', 'd', '--seed', '-3'], /--seed: missing value|--seed: got '-3'/],
    [['--out', 'd', '--seed', '99999999999'], /--seed: got 99999999999; expected an integer/],
    [['--out', 'd', '--res', '64'], /--res: unknown flag; expected one of --out, --resolution/],
    [['--out', 'd', '--out', 'e'], /--out: given twice/],
  ])('%j is rejected naming the flag', (args, message) => {
    expect(() => parseModelsArgs(args)).toThrow(message);
  });
});
