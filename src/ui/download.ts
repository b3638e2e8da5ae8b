// Saving a file from the page: a Blob behind a temporary object URL and a clicked <a download>.

/** Offers `blob` as a download named `fileName` (the object URL is revoked once the click is handled). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The browser reads the URL asynchronously after the click; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe version of a label: letters, digits, '.', '_' and '-' (others become '-'), at most 60 characters. */
export function fileNameOf(label: string, fallback: string): string {
  const safe = label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return safe === '' ? fallback : safe;
}
