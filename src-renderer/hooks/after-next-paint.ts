// Deferring work that can wait until the browser has painted the frame a change is drawn in (renderer).

/** Runs `run` once, after the next frame is painted, or after 100 ms where no frame comes (a hidden window). */
export function afterNextPaint(run: () => void): void {
  let ran = false;
  const once = () => {
    if (!ran) run();
    ran = true;
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}
