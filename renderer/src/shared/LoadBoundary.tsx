// Runs in the renderer. Stands between the console and a part loaded on demand (React.lazy): when the part's code
// cannot be fetched (the console was updated or restarted) or throws while rendering, the caller's `failed` content
// (a localized "reload the page") shows in its place instead of the whole window going blank.
import { Component, type ReactNode } from "react";

type Props = { failed: ReactNode; children: ReactNode };

export class LoadBoundary extends Component<Props, { error: boolean }> {
  override state = { error: false };

  static getDerivedStateFromError(): { error: boolean } {
    return { error: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error("vigil: a part of the console failed to load or render", error);
  }

  override render(): ReactNode {
    return this.state.error ? this.props.failed : this.props.children;
  }
}
