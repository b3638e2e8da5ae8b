// torch AdaptiveAvgPool2d as a constant matrix over flattened H*W (not a parameter), so any input size works.

/** torch's bin of output index o: input rows [floor(o*in/out), ceil((o+1)*in/out)). */
export function adaptiveBin(o: number, inLength: number, outLength: number): readonly [number, number] {
  return [Math.floor((o * inLength) / outLength), Math.ceil(((o + 1) * inLength) / outLength)];
}

/**
 * Matrix P of shape [inH*inW, outH*outW] with P[h*inW + w, oh*outW + ow] = 1 / binArea when (h, w)
 * lies in the bin of (oh, ow); pooled = x[C, inH*inW] @ P.
 */
export function adaptivePoolMatrix(inH: number, inW: number, outH: number, outW: number): Float32Array {
  const cols = outH * outW;
  const p = new Float32Array(inH * inW * cols);
  for (let oh = 0; oh < outH; oh++) {
    const [h0, h1] = adaptiveBin(oh, inH, outH);
    for (let ow = 0; ow < outW; ow++) {
      const [w0, w1] = adaptiveBin(ow, inW, outW);
      const share = 1 / ((h1 - h0) * (w1 - w0));
      for (let h = h0; h < h1; h++) {
        for (let w = w0; w < w1; w++) p[(h * inW + w) * cols + oh * outW + ow] = share;
      }
    }
  }
  return p;
}
