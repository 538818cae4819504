/**
 * Words that say nothing about which issue a conversation is about: English function words plus
 * the greetings, politeness and filler of support conversations ("hi team, thanks, pls help").
 * They are compared after accent folding and lowercasing, before stemming.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren arent as at be because been before
  being below between both but by can cannot cant could couldn couldnt did didn didnt do does doesn doesnt
  doing don dont down during each either else etc even ever every few for from further get gets getting got
  had hadn hadnt has hasn hasnt have haven havent having he her here hers herself him himself his how however
  i id ie if im in into is isn isnt it its itself ive just let lets like ll may me might more most much must
  my myself no nor not now of off often on once only or other our ours ourselves out over own per quite re
  really same shall she should shouldn shouldnt so some still such than that thats the their theirs them
  themselves then there these they theyre thing things this those though through to too under until up upon
  us use used using ve very via was wasn wasnt way we were weren werent what whats when where whether which
  while who whom whose why will with within without won wont would wouldn wouldnt yet you your youre yours
  yourself yourselves
  hi hello hey hiya dear greetings morning afternoon evening good hope hoping well thanks thank thx ty
  cheers regards best kind kindly sincerely warm many please pls plz team guys folks everyone anyone
  someone somebody nobody none nothing everybody anybody support help helping asap urgent quick question questions ok okay yes yeah sure
  appreciate appreciated advance reaching reach wondering wonder seems seem seemed able know let lot lots
  think sorry bother anything something everything today yesterday tomorrow since ago already always
  never sometimes currently basically
  actually literally maybe perhaps probably
  com net org io www http https`.split(/\s+/).filter(Boolean),
);
