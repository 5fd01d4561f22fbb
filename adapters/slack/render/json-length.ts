/** Characters `JSON.stringify(text)` would produce (quotes included), counted without building the string. */
export function jsonStringLength(text: string): number {
  let length = text.length + 2;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22 || code === 0x5c) length += 1; // \" \\
    else if (code < 0x20) length += code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 1 : 5;
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is written as is; a lone surrogate becomes \udxxx.
      const next = text.charCodeAt(index + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index += 1;
      else length += 5;
    }
  }
  return length;
}
