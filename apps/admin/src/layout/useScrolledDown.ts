import { useEffect, useState } from 'react';

/** Above this many pixels scrolled, scrolling down counts (MUI's useScrollTrigger default). */
const SCROLLED_FROM_PX = 100;

/**
 * MUI's useScrollTrigger with its defaults (true once scrolled down past 100 px, false again on any
 * scroll up), except that it reads the scroll position only when the page scrolls: MUI's reads it
 * as the component mounts, which forces the browser to lay out the whole first screen in the
 * middle of rendering it. A page starts at the top, where both say false.
 */
export function useScrolledDown(): boolean {
  const [scrolledDown, setScrolledDown] = useState(false);
  useEffect(() => {
    let previous: number | undefined;
    const onScroll = () => {
      const current = window.scrollY;
      const scrolledUp = previous !== undefined && current < previous;
      previous = current;
      setScrolledDown(!scrolledUp && current > SCROLLED_FROM_PX);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  return scrolledDown;
}
