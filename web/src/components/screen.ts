import { Grid } from 'antd';

/**
 * Whether the page is on a phone-sized screen (below antd's md breakpoint, 768 px): lists show cards instead of
 * tables there, so nothing needs scrolling sideways (issue 15 §1).
 */
export function useIsNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** A drawer's width: `px` on a wide screen, the whole width of a phone. */
export const drawerSize = (px: number) => `min(${px}px, 100vw)`;
