/**
 * Latin letters that Unicode does not decompose into a base letter plus a mark, so stripping
 * marks alone would leave them as they are ("Łukasz", "Søren", "Straße").
 */
const UNDECOMPOSED_LATIN: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H',
};
const UNDECOMPOSED_PATTERN = new RegExp(`[${Object.keys(UNDECOMPOSED_LATIN).join('')}]`, 'g');

/**
 * "José García" -> "Jose Garcia", "Søren" -> "Soren", "ﬁle" -> "file". Only marks on Latin letters
 * are removed: in other scripts a mark can make a different letter (Cyrillic й/и, Japanese が/か),
 * and those names are only ever compared exactly.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(UNDECOMPOSED_PATTERN, (letter) => UNDECOMPOSED_LATIN[letter] ?? letter)
    .normalize('NFKC');
}
