/**
 * The greetings, politeness and filler of support conversations ("hi team, thanks, pls help"), in
 * English and German: words that say nothing about which issue a conversation is about, and that
 * no language's stop-word list holds. The function words of each language come from its library
 * list (languages.ts). Compared after accent folding and lowercasing, before stemming.
 */
export const SUPPORT_FILLER: ReadonlySet<string> = new Set(
  `hi hello hey hiya dear greetings morning afternoon evening good hope hoping well thanks thank thx ty
  cheers regards best kind kindly sincerely warm many please pls plz team guys folks everyone anyone
  someone somebody nobody none nothing everybody anybody support help helping asap urgent quick question questions ok okay yes yeah sure
  appreciate appreciated advance reaching reach wondering wonder seems seem seemed able know let lot lots
  think sorry bother anything something everything today yesterday tomorrow since ago already always
  never sometimes currently basically actually literally maybe perhaps probably just really get gets getting got
  also even still etc via per
  hallo liebe lieber grusse gruss gruß viele vielen dank danke bitte freundlichen leider heute gestern morgen
  com net org io www http https`.split(/\s+/).filter(Boolean),
);
