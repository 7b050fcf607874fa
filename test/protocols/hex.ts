/** Test helper: bytes from hex as printed in the sources ("0B-00", "0x0b 0x00", "0b00"). */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/0x/gi, '').replace(/[^0-9a-f]/gi, ''), 'hex');
}

/** Bytes from a decimal list, as some sources print them. */
export function dec(values: number[]): Buffer {
  return Buffer.from(values);
}
