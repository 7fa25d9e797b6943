/**
 * Offers data to the user as a file download: makes an object URL, clicks a temporary
 * `<a download>` and revokes the URL afterwards. The only export function that needs a DOM.
 *
 * @param data The file's contents (text is written as UTF-8).
 * @param fileName The suggested file name, e.g. `waterdiepte.tif`.
 * @param mimeType The media type, e.g. `image/tiff`, `application/geo+json`, `text/csv`.
 */
export function downloadBlob(data: ArrayBuffer | string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  // Firefox only follows a click on an anchor that is in the document.
  document.body.append(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    // The click starts the download; revoking in the same task can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
