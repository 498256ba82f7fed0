/** Hands a file to the browser as a download (a temporary object URL on a clicked link). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started from the link by now; keep the URL a little longer for slow browsers
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name part from a unit code or title: letters, digits, CJK and dashes only. */
export function fileSlug(text: string): string {
  return text.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'all';
}
