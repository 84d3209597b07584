// Review mode: a style sheet whose rules are computed at run time, adopted by the page (the CSP forbids <style> elements).
import { useEffect, useRef } from 'react';

/** Adopts a constructed style sheet holding `text` for as long as the calling component is mounted. */
export function useStyleSheet(text: string): void {
  const sheet = useRef<CSSStyleSheet | null>(null);
  useEffect(() => {
    if (typeof CSSStyleSheet !== 'function' || !('replaceSync' in CSSStyleSheet.prototype)) return;
    const own = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, own];
    sheet.current = own;
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== own);
      sheet.current = null;
    };
  }, []);
  useEffect(() => {
    sheet.current?.replaceSync(text);
  }, [text]);
}
