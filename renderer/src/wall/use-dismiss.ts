// Runs in the renderer. Closes a popover (layout picker, walls menu) on a pointer press outside it or on Esc, and
// keeps that Esc from reaching the wall's keys (which would restore a maximized tile as well).
import { useEffect, type RefObject } from "react";

export function useDismiss(ref: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (ref.current && e.target instanceof Node && !ref.current.contains(e.target)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopImmediatePropagation();
      close();
    };
    document.addEventListener("pointerdown", onPointer, true);
    // Capture phase on window: before the wall's own (bubbling) key handler.
    window.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      window.removeEventListener("keydown", onKey, true);
    };
  }, [ref, open, close]);
}
