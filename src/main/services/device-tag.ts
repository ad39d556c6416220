/**
 * The start of a device id, which tells a station's devices apart wherever one is named without a
 * name of its own (a screen paired before names, a badge reader's lockout): the same in each.
 */
export const deviceTag = (deviceId: string): string => deviceId.slice(0, 8);
