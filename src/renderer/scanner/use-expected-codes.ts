import { useEffect, useLayoutEffect, useRef } from 'react';
import { expectCodes } from './codes-expected';

/** While the screen calling it is shown, `codes` (as of its last render) are what it expects scanned (codes-expected.ts). */
export function useExpectedCodes(codes: readonly string[]): void {
  const current = useRef(codes);
  useLayoutEffect(() => {
    current.current = codes;
  }, [codes]);
  useEffect(() => expectCodes(() => current.current), []);
}
