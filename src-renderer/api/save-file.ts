// Handing files to the user as a download (the browser's save flow): bytes the page holds, or what a same-origin address sends.
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveFile(fileName: string, bytes: Uint8Array, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mediaType }));
  downloadFrom(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Has the browser download what `url` (same origin) sends, saved as `fileName` as it arrives. */
export function downloadFrom(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
